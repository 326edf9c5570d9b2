using System.Numerics;

namespace SegMeasure.Core.Postprocessing;

/// <summary>
/// Flood queue over dense integer levels: one first-in first-out list per level and a 64-ary
/// bitmap tree over the non-empty levels, so a voxel leaves in order of level and then of
/// insertion — the same order as a heap keyed by (value, insertion number) — at a constant
/// cost per operation. Each voxel may be inserted once.
/// </summary>
internal sealed class LevelQueue
{
    private readonly int[] _head, _tail, _next, _voxel;
    private readonly ulong[][] _bits; // _bits[0] has one bit per level; each next array summarises the previous
    private int _entries;

    public LevelQueue(int levels, int capacity)
    {
        _head = new int[levels];
        _tail = new int[levels];
        Array.Fill(_head, -1);
        _next = new int[capacity];
        _voxel = new int[capacity];
        var bits = new List<ulong[]>();
        int size = levels;
        do
        {
            size = (size + 63) >> 6;
            bits.Add(new ulong[size]);
        }
        while (size > 1);
        _bits = bits.ToArray();
    }

    public int Count { get; private set; }

    public void Push(int level, int voxel)
    {
        int entry = _entries++;
        _voxel[entry] = voxel;
        _next[entry] = -1;
        if (_head[level] < 0)
        {
            _head[level] = entry;
            for (int k = 0, i = level; k < _bits.Length; k++, i >>= 6)
            {
                ref ulong word = ref _bits[k][i >> 6];
                bool wasEmpty = word == 0;
                word |= 1UL << (i & 63);
                if (!wasEmpty) break;
            }
        }
        else
        {
            _next[_tail[level]] = entry;
        }

        _tail[level] = entry;
        Count++;
    }

    public int Pop()
    {
        int level = 0;
        for (int k = _bits.Length - 1; k >= 0; k--)
            level = (level << 6) | BitOperations.TrailingZeroCount(_bits[k][level]);
        int entry = _head[level];
        _head[level] = _next[entry];
        if (_head[level] < 0)
        {
            for (int k = 0, i = level; k < _bits.Length; k++, i >>= 6)
            {
                ref ulong word = ref _bits[k][i >> 6];
                word &= ~(1UL << (i & 63));
                if (word != 0) break;
            }
        }

        Count--;
        return _voxel[entry];
    }
}
