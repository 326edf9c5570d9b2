namespace SegMeasure.Core.Postprocessing;

/// <summary>
/// The binary min-heap scikit-image floods with, keyed by (level, age): sift-up on push,
/// the last item moved to the root and sifted down on pop, the left child preferred on ties.
/// Items of equal key (seeds of equal value all have age 0) leave in the order this exact
/// structure dictates, so replaying it reproduces scikit-image's choice among tied seeds.
/// </summary>
internal sealed class FloodHeap
{
    // Packed to 12 bytes: a flood of 10⁷ voxels keeps that many items, and the heap's speed is its cache traffic.
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential, Pack = 4)]
    private struct Item
    {
        public ulong Key; // level in the upper half, age in the lower: one comparison orders both
        public int Voxel;

        public readonly int Level => (int)(Key >> 32);
    }

    private Item[] _items;

    public FloodHeap(int capacity) => _items = new Item[Math.Max(capacity, 16)];

    public int Count { get; private set; }

    /// <summary>The level of the item the next <see cref="Pop"/> returns.</summary>
    public int TopLevel => _items[0].Level;

    /// <summary>The voxel of the item the next <see cref="Pop"/> returns, unless a smaller one is pushed first.</summary>
    public int TopVoxel => _items[0].Voxel;

    public void Push(int level, int age, int voxel)
    {
        if (Count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
        var items = _items;
        var item = new Item { Key = ((ulong)(uint)level << 32) | (uint)age, Voxel = voxel };
        int child = Count++;
        while (child > 0)
        {
            int parent = (child - 1) >> 1;
            if (!Smaller(item, items[parent])) break;
            items[child] = items[parent];
            child = parent;
        }

        items[child] = item;
    }

    /// <summary>Removes the least item and returns its voxel.</summary>
    public int Pop()
    {
        var items = _items;
        var top = items[0];
        int count = --Count;
        if (count == 0) return top.Voxel;
        var moved = items[count];
        int i = 0;
        while (true)
        {
            int left = 2 * i + 1;
            if (left >= count) break;
            int smallest = Smaller(items[left], moved) ? left : i;
            int right = left + 1;
            if (right < count && Smaller(items[right], smallest == i ? moved : items[smallest])) smallest = right;
            if (smallest == i) break;
            items[i] = items[smallest];
            i = smallest;
        }

        items[i] = moved;
        return top.Voxel;
    }

    /// <summary>Hands the remaining items over in key order (level, then age).</summary>
    public IEnumerable<(int Level, int Voxel)> DrainInKeyOrder()
    {
        var rest = _items.AsSpan(0, Count).ToArray();
        Array.Sort(rest, (a, b) => a.Key.CompareTo(b.Key));
        Count = 0;
        return rest.Select(item => (item.Level, item.Voxel));
    }

    private static bool Smaller(in Item a, in Item b) => a.Key < b.Key;
}
