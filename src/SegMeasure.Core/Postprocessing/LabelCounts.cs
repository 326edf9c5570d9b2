using SegMeasure.Core.Images;

namespace SegMeasure.Core.Postprocessing;

/// <summary>
/// Voxel count of every segment id present in a label image, gathered in one pass. Ids are
/// dense when the largest id is small compared with the image (an array indexed by id), and
/// kept in a dictionary otherwise, so a stray huge id does not allocate gigabytes.
/// </summary>
internal sealed class LabelCounts
{
    private readonly long[]? _dense;
    private readonly Dictionary<uint, long>? _sparse;

    private LabelCounts(long[]? dense, Dictionary<uint, long>? sparse, int segmentCount)
    {
        _dense = dense;
        _sparse = sparse;
        SegmentCount = segmentCount;
    }

    /// <summary>Number of distinct non-zero ids.</summary>
    public int SegmentCount { get; }

    /// <summary>Voxels holding <paramref name="label"/> (0 for an absent id).</summary>
    public long this[uint label]
    {
        get
        {
            if (_dense is not null) return label < _dense.Length ? _dense[label] : 0;
            return _sparse!.TryGetValue(label, out var n) ? n : 0;
        }
    }

    /// <summary>Whether each label occurs at least <paramref name="minCount"/> times, as a table indexed by id
    /// when ids are dense (null otherwise), for tight per-voxel loops.</summary>
    internal bool[]? DenseAtLeast(long minCount)
    {
        if (_dense is null) return null;
        var keep = new bool[_dense.Length];
        for (long id = 1; id < _dense.LongLength; id++) keep[id] = _dense[id] >= minCount;
        return keep;
    }

    /// <summary>Present non-zero ids in ascending order.</summary>
    public uint[] Labels()
    {
        if (_dense is not null)
        {
            var ids = new uint[SegmentCount];
            int k = 0;
            for (uint id = 1; id < _dense.Length; id++)
                if (_dense[id] > 0) ids[k++] = id;
            return ids;
        }

        var sorted = _sparse!.Keys.Where(k => k != 0).ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    public static LabelCounts Of(LabelImage labels) => Of(labels.Data);

    public static LabelCounts Of(uint[] data)
    {
        uint max = 0;
        foreach (var v in data)
            if (v > max) max = v;

        if ((ulong)max + 1 <= 4UL * (ulong)data.LongLength + 1024)
        {
            var dense = new long[(long)max + 1];
            foreach (var v in data) dense[v]++;
            int present = 0;
            for (long id = 1; id < dense.LongLength; id++)
                if (dense[id] > 0) present++;
            return new LabelCounts(dense, null, present);
        }

        var sparse = new Dictionary<uint, long>();
        foreach (var v in data)
        {
            if (v == 0) continue;
            sparse[v] = sparse.TryGetValue(v, out var n) ? n + 1 : 1;
        }

        return new LabelCounts(null, sparse, sparse.Count);
    }
}
