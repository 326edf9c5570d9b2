namespace SegMeasure.Viewer;

/// <summary>
/// The encoded tiles served last, least recently used dropped first, bounded in bytes: a pan back
/// over tiles just seen costs no re-cutting, and a 16 384² image's 1 365 tiles per layer never all
/// sit in memory. Safe for concurrent requests.
/// </summary>
internal sealed class TileCache
{
    /// <summary>256 MB: 256 full label tiles, more than a few screens at every level.</summary>
    public const long DefaultCapacityBytes = 256L << 20;

    private readonly object _gate = new();
    private readonly Dictionary<TileKey, LinkedListNode<(TileKey Key, byte[] Bytes)>> _index = [];
    private readonly LinkedList<(TileKey Key, byte[] Bytes)> _order = new();

    public TileCache(long capacityBytes = DefaultCapacityBytes) => CapacityBytes = capacityBytes;

    public long CapacityBytes { get; }

    public long SizeBytes { get; private set; }

    public int Count { get { lock (_gate) return _index.Count; } }

    /// <summary>The cached tile, or the one <paramref name="make"/> cuts (made outside the lock, so tiles are cut in parallel).</summary>
    public byte[] GetOrAdd(TileKey key, Func<byte[]> make)
    {
        lock (_gate)
        {
            if (_index.TryGetValue(key, out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                return node.Value.Bytes;
            }
        }

        var bytes = make();
        lock (_gate)
        {
            if (_index.ContainsKey(key) || bytes.Length > CapacityBytes) return bytes;
            _index[key] = _order.AddFirst((key, bytes));
            SizeBytes += bytes.Length;
            while (SizeBytes > CapacityBytes && _order.Last is { } last)
            {
                _order.RemoveLast();
                _index.Remove(last.Value.Key);
                SizeBytes -= last.Value.Bytes.Length;
            }
        }

        return bytes;
    }
}

/// <summary>One tile of one layer: member, layer (labels, nuclei, intensity), channel, plane, pyramid level and tile position.</summary>
internal readonly record struct TileKey(int Member, string Layer, int Channel, int Z, int Level, int Tx, int Ty);
