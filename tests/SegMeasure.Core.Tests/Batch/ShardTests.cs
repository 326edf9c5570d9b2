using SegMeasure.Core.Batch;

namespace SegMeasure.Core.Tests.Batch;

public sealed class ShardTests
{
    [Theory]
    [InlineData(10, 4)]
    [InlineData(3, 4)]
    [InlineData(1000, 7)]
    [InlineData(0, 3)]
    public void Shards_cover_every_item_once_in_order_with_sizes_differing_by_at_most_one(int total, int count)
    {
        var items = Enumerable.Range(0, total).ToList();
        var shards = Enumerable.Range(0, count).Select(i => new Shard(i, count).Select(items)).ToList();
        Assert.Equal(items, shards.SelectMany(s => s));
        Assert.True(shards.Max(s => s.Count) - shards.Min(s => s.Count) <= 1);
    }

    [Fact]
    public void Parse_reads_index_over_count_and_refuses_anything_else()
    {
        Assert.Equal(new Shard(2, 8), Shard.Parse("2/8"));
        foreach (var bad in new[] { "8/8", "-1/4", "1", "a/b", "1/0", "1/2/3" })
            Assert.Contains("I/N", Assert.Throws<SegMeasureException>(() => Shard.Parse(bad)).Message);
    }
}
