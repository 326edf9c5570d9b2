using SegMeasure.Core.Images;

namespace SegMeasure.Core.Measurement;

/// <summary>
/// The distinct non-zero label ids of an image, sorted, each mapped to a dense slot 0..n-1.
/// Ids are sparse (anything up to 4 294 967 295), so accumulators are indexed by slot, never by
/// id. Small id ranges use a direct lookup table; large ranges a binary search, which callers
/// amortise by looking up once per run of equal labels.
/// </summary>
public sealed class LabelSlots
{
    /// <summary>Direct tables are used while the largest id is at most this (or at most the voxel count).</summary>
    private const uint DirectTableLimit = 1u << 24;

    private readonly int[]? _direct;

    private LabelSlots(uint[] ids, int[]? direct)
    {
        Ids = ids;
        _direct = direct;
    }

    /// <summary>Sorted distinct non-zero ids; slot i holds Ids[i].</summary>
    public uint[] Ids { get; }

    public int Count => Ids.Length;

    /// <summary>The slot of <paramref name="id"/>, or -1 for background and ids not present.</summary>
    public int SlotOf(uint id)
    {
        if (id == 0) return -1;
        if (_direct is not null) return id < (uint)_direct.Length ? _direct[id] : -1;
        int i = Array.BinarySearch(Ids, id);
        return i >= 0 ? i : -1;
    }

    /// <summary>Collects the distinct ids of <paramref name="labels"/> in one parallel pass.</summary>
    public static LabelSlots Collect(LabelImage labels, CancellationToken ct = default)
    {
        var data = labels.Data;
        var shape = labels.Shape;
        int rows = shape.Depth * shape.Height;
        int width = shape.Width;
        var stripes = Stripes.Split(rows);

        uint max = 0;
        var maxima = new uint[stripes.Length];
        Stripes.Run(stripes, ct, s =>
        {
            uint m = 0;
            for (long i = (long)s.FirstRow * width, end = (long)s.EndRow * width; i < end; i++)
                if (data[i] > m) m = data[i];
            maxima[s.Index] = m;
        });
        foreach (var m in maxima) max = Math.Max(max, m);

        if (max <= DirectTableLimit || max <= (ulong)data.LongLength)
            return CollectDirect(data, width, stripes, max, ct);
        return CollectSparse(data, width, stripes, ct);
    }

    private static LabelSlots CollectDirect(uint[] data, int width, Stripe[] stripes, uint max, CancellationToken ct)
    {
        // Every worker only ever writes 1 into a shared byte table: the races are benign.
        var seen = new byte[(long)max + 1];
        Stripes.Run(stripes, ct, s =>
        {
            uint last = 0;
            for (long i = (long)s.FirstRow * width, end = (long)s.EndRow * width; i < end; i++)
            {
                uint v = data[i];
                if (v == last) continue;
                seen[v] = 1;
                last = v;
            }
        });
        seen[0] = 0;
        var direct = new int[(long)max + 1];
        var ids = new List<uint>();
        for (long id = 0; id <= max; id++)
        {
            if (seen[id] != 0)
            {
                direct[id] = ids.Count;
                ids.Add((uint)id);
            }
            else
            {
                direct[id] = -1;
            }
        }

        return new LabelSlots(ids.ToArray(), direct);
    }

    private static LabelSlots CollectSparse(uint[] data, int width, Stripe[] stripes, CancellationToken ct)
    {
        var sets = new HashSet<uint>[stripes.Length];
        Stripes.Run(stripes, ct, s =>
        {
            var set = new HashSet<uint>();
            uint last = 0;
            for (long i = (long)s.FirstRow * width, end = (long)s.EndRow * width; i < end; i++)
            {
                uint v = data[i];
                if (v == last) continue;
                set.Add(v);
                last = v;
            }

            sets[s.Index] = set;
        });
        var all = new HashSet<uint>();
        foreach (var set in sets) all.UnionWith(set);
        all.Remove(0);
        var ids = all.ToArray();
        Array.Sort(ids);
        return new LabelSlots(ids, null);
    }
}
