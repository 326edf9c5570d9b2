using SegMeasure.Core.Colocalization;

namespace SegMeasure.Core.Tests.Colocalization;

/// <summary>Average ranks by counting (integer samples) equal those by sorting, ties included.</summary>
public class RankCorrelationTests
{
    [Fact]
    public void Counting_and_sorting_give_the_same_average_ranks()
    {
        var random = new Random(5);
        foreach (int range in new[] { 3, 50, 100_000 })
        {
            var values = Enumerable.Range(0, 500).Select(_ => (double)random.Next(range) - range / 2).ToArray();
            Assert.Equal(RankCorrelation.AverageRanks(values), RankCorrelation.AverageRanks(values, integerSamples: true));
        }
    }

    [Fact]
    public void Ties_share_their_average_rank()
    {
        Assert.Equal([1.0, 2.5, 2.5, 4.0], RankCorrelation.AverageRanks([10.0, 20.0, 20.0, 30.0], integerSamples: true));
        Assert.Equal([1.0, 2.5, 2.5, 4.0], RankCorrelation.AverageRanks([10.0, 20.0, 20.0, 30.0]));
    }
}
