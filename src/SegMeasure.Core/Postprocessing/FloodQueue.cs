namespace SegMeasure.Core.Postprocessing;

/// <summary>
/// Priority queue of voxels for flooding, ordered by a 32-bit priority and then by insertion
/// order, so equal priorities leave first-in first-out. Each entry is one 64-bit key
/// (priority, insertion number) in a 4-ary heap; the voxel of insertion number k is kept in a
/// side array, which keeps the heap compact and every comparison a single integer compare.
/// </summary>
internal sealed class FloodQueue
{
    private ulong[] _heap;
    private int[] _voxelOf;
    private uint _inserted;

    public FloodQueue(int capacity = 1024)
    {
        _heap = new ulong[Math.Max(capacity, 4)];
        _voxelOf = new int[Math.Max(capacity, 4)];
    }

    public int Count { get; private set; }

    public void Push(uint priority, int voxel)
    {
        if (_inserted == uint.MaxValue) throw new InvalidOperationException("flood queue: more than 2^32 insertions");
        if (_inserted == _voxelOf.Length) Array.Resize(ref _voxelOf, checked(_voxelOf.Length * 2));
        if (Count == _heap.Length) Array.Resize(ref _heap, checked(_heap.Length * 2));
        _voxelOf[_inserted] = voxel;
        ulong key = ((ulong)priority << 32) | _inserted++;
        var heap = _heap;
        int child = Count++;
        while (child > 0)
        {
            int parent = (child - 1) >> 2;
            if (heap[parent] <= key) break;
            heap[child] = heap[parent];
            child = parent;
        }

        heap[child] = key;
    }

    public int Pop()
    {
        var heap = _heap;
        var top = heap[0];
        var last = heap[--Count];
        int hole = 0;
        int count = Count;
        while (true)
        {
            int first = (hole << 2) + 1;
            if (first >= count) break;
            int best = first;
            ulong bestKey = heap[first];
            int end = Math.Min(first + 4, count);
            for (int c = first + 1; c < end; c++)
            {
                if (heap[c] < bestKey)
                {
                    bestKey = heap[c];
                    best = c;
                }
            }

            if (bestKey >= last) break;
            heap[hole] = bestKey;
            hole = best;
        }

        if (count > 0) heap[hole] = last;
        return _voxelOf[(uint)top];
    }
}
