namespace SegMeasure.Core.Postprocessing;

/// <summary>
/// Priority queue of voxels for flooding, ordered by value and then by insertion order, so
/// equal values leave first-in first-out. A 4-ary heap: shallower than a binary one and
/// friendlier to the cache.
/// </summary>
internal sealed class FloodQueue
{
    private struct Item
    {
        public double Value;
        public long Order;
        public int Index;
    }

    private Item[] _items;
    private long _inserted;

    public FloodQueue(int capacity = 1024) => _items = new Item[Math.Max(capacity, 4)];

    public int Count { get; private set; }

    public void Push(double value, int index)
    {
        if (Count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
        var item = new Item { Value = value, Order = _inserted++, Index = index };
        int child = Count++;
        while (child > 0)
        {
            int parent = (child - 1) >> 2;
            if (!Before(item, _items[parent])) break;
            _items[child] = _items[parent];
            child = parent;
        }

        _items[child] = item;
    }

    public int Pop()
    {
        var top = _items[0].Index;
        var last = _items[--Count];
        int hole = 0;
        while (true)
        {
            int first = (hole << 2) + 1;
            if (first >= Count) break;
            int best = first;
            int end = Math.Min(first + 4, Count);
            for (int c = first + 1; c < end; c++)
                if (Before(_items[c], _items[best])) best = c;
            if (!Before(_items[best], last)) break;
            _items[hole] = _items[best];
            hole = best;
        }

        if (Count > 0) _items[hole] = last;
        return top;
    }

    private static bool Before(in Item a, in Item b) =>
        a.Value < b.Value || (a.Value == b.Value && a.Order < b.Order);
}
