namespace SegMeasure.Viewer.Tests;

/// <summary>The server's tile cache: bounded in bytes, least recently used dropped first, a hit cuts nothing.</summary>
public sealed class TileCacheTests
{
    private static TileKey Key(int tx) => new(0, "labels", 0, 0, 0, tx, 0);

    [Fact]
    public void The_cache_stays_within_its_bytes_and_drops_the_least_recently_used_tile()
    {
        var cache = new TileCache(capacityBytes: 3000);
        int cuts = 0;
        byte[] Cut() { cuts++; return new byte[1000]; }
        for (int tx = 0; tx < 3; tx++) cache.GetOrAdd(Key(tx), Cut);
        Assert.Equal(3000, cache.SizeBytes);

        cache.GetOrAdd(Key(0), Cut);            // a hit: tile 0 is now the most recent
        Assert.Equal(3, cuts);
        cache.GetOrAdd(Key(3), Cut);            // over the bound: tile 1, the least recent, goes
        Assert.Equal(3000, cache.SizeBytes);
        Assert.Equal(3, cache.Count);

        cache.GetOrAdd(Key(0), Cut);
        cache.GetOrAdd(Key(2), Cut);
        Assert.Equal(4, cuts);
        cache.GetOrAdd(Key(1), Cut);
        Assert.Equal(5, cuts);
        Assert.True(cache.SizeBytes <= cache.CapacityBytes);
    }

    [Fact]
    public void A_tile_larger_than_the_whole_cache_is_served_but_not_kept()
    {
        var cache = new TileCache(capacityBytes: 100);
        var bytes = cache.GetOrAdd(Key(0), () => new byte[101]);
        Assert.Equal(101, bytes.Length);
        Assert.Equal(0, cache.SizeBytes);
        Assert.Equal(0, cache.Count);
    }
}
