using System.Buffers;

namespace SegMeasure.Core.Measurement.Engine;

/// <summary>
/// An append-only record of runs kept in pooled fixed-size chunks: a dense segmentation has
/// millions of runs, and a growing list would copy them all over again at every doubling.
/// </summary>
internal sealed class RunLog<T> where T : struct
{
    private const int ChunkLength = 1 << 14;

    private readonly List<T[]> _chunks = [];
    private T[] _current = [];
    private int _used;

    public long Count => (long)Math.Max(0, _chunks.Count - 1) * ChunkLength + _used;

    public void Add(T run)
    {
        if (_used == _current.Length)
        {
            _current = ArrayPool<T>.Shared.Rent(ChunkLength);
            _chunks.Add(_current);
            _used = 0;
        }

        _current[_used++] = run;
    }

    /// <summary>The runs in the order they were added, one chunk at a time.</summary>
    public IEnumerable<ReadOnlyMemory<T>> Chunks()
    {
        for (int c = 0; c < _chunks.Count; c++)
            yield return _chunks[c].AsMemory(0, c == _chunks.Count - 1 ? _used : ChunkLength);
    }

    /// <summary>Gives the chunks back to the pool; the log is empty afterwards.</summary>
    public void Release()
    {
        foreach (var chunk in _chunks) ArrayPool<T>.Shared.Return(chunk);
        _chunks.Clear();
        _current = [];
        _used = 0;
    }
}
