using SegMeasure.Core.Images;

namespace SegMeasure.Core.Colocalization;

/// <summary>
/// The analysed regions of a run: every (slice, label) pair present in the image, numbered in
/// row order (slice first, then label). One pass over the pixels assigns each its group and
/// gathers the per-group sums; <see cref="Gather"/> then copies each group's pixel pairs into
/// one contiguous block (a counting sort), so per-region work (ranks, thresholds) reads only
/// that region's pixels. Nothing here is O(regions × pixels).
/// </summary>
internal sealed class RegionGroups
{
    private const int NotInRegion = -1;
    private readonly int[] _groupOfPixel;

    private RegionGroups(int[] groupOfPixel, RegionSums[] sums, long[] regionIds, int[] slices)
    {
        _groupOfPixel = groupOfPixel;
        Sums = sums;
        RegionIds = regionIds;
        Slices = slices;
    }

    public RegionSums[] Sums { get; }

    /// <summary>The label of each group (0 when the whole image is one region).</summary>
    public long[] RegionIds { get; }

    /// <summary>The plane of each group along the slice axis (0 without one).</summary>
    public int[] Slices { get; }

    public int Count => Sums.Length;

    /// <summary>
    /// Groups the pixels of channels <c>a</c> and <c>b</c> (of <c>shape</c>) by the regions of
    /// <c>labels</c> (0 = background; null: the whole image is region 0), per plane along
    /// <c>sliceAxis</c> ((Z, Y, X) order, 0..2) when one is given.
    /// </summary>
    public static RegionGroups Build(ImageShape shape, double[] a, double[] b, LabelImage? labels, int? sliceAxis, CancellationToken ct)
    {
        uint[]? labelData = labels?.Data;
        bool labelsPerPlane = labels is not null && labels.Shape.Length != shape.Length; // a 2D mask applied to every Z plane
        var (slotOf, slots, slotLabels) = NumberLabels(labelData);
        int labelCount = slotLabels.Length;
        int sliceCount = sliceAxis switch { 0 => shape.Depth, 1 => shape.Height, 2 => shape.Width, _ => 1 };
        long groupSpace = (long)labelCount * sliceCount;
        if (groupSpace > int.MaxValue / 2)
            throw new SegMeasureException("SegMeasure.TooManyRegions", ErrorKind.NotSupported,
                $"{labelCount} labels × {sliceCount} slices are too many regions to analyse at once");

        var denseSums = new RegionSums[groupSpace];
        var groupOfPixel = new int[shape.Length];
        int width = shape.Width, height = shape.Height, plane = width * height;
        for (int z = 0; z < shape.Depth; z++)
        {
            ct.ThrowIfCancellationRequested();
            for (int y = 0; y < height; y++)
            {
                int rowStart = z * plane + y * width;
                int labelRowStart = labelsPerPlane ? y * width : rowStart;
                int fixedSlice = sliceAxis == 0 ? z : sliceAxis == 1 ? y : 0;
                for (int x = 0; x < width; x++)
                {
                    int i = rowStart + x;
                    int slot;
                    if (labelData is null) slot = 0;
                    else
                    {
                        uint label = labelData[labelRowStart + x];
                        if (label == 0)
                        {
                            groupOfPixel[i] = NotInRegion;
                            continue;
                        }

                        slot = slotOf is not null ? slotOf[label] : slots!(label);
                    }

                    int slice = sliceAxis == 2 ? x : fixedSlice;
                    int group = slice * labelCount + slot;
                    groupOfPixel[i] = group;
                    denseSums[group].Add(a[i], b[i]);
                }
            }
        }

        // Keep the groups that hold pixels, in (slice, label) order, and renumber the pixels to them.
        var renumber = new int[groupSpace];
        var sums = new List<RegionSums>();
        var ids = new List<long>();
        var sliceOfGroup = new List<int>();
        for (int g = 0; g < groupSpace; g++)
        {
            if (denseSums[g].Count == 0)
            {
                renumber[g] = NotInRegion;
                continue;
            }

            renumber[g] = sums.Count;
            sums.Add(denseSums[g]);
            ids.Add(slotLabels[g % labelCount]);
            sliceOfGroup.Add(g / labelCount);
        }

        for (int i = 0; i < groupOfPixel.Length; i++)
            if (groupOfPixel[i] != NotInRegion) groupOfPixel[i] = renumber[groupOfPixel[i]];
        return new RegionGroups(groupOfPixel, sums.ToArray(), ids.ToArray(), sliceOfGroup.ToArray());
    }

    /// <summary>Each group's pixel pairs in raster order, group after group: group g is [offsets[g], offsets[g+1]).</summary>
    public (double[] A, double[] B, long[] Offsets) Gather(double[] a, double[] b)
    {
        var offsets = new long[Count + 1];
        for (int g = 0; g < Count; g++) offsets[g + 1] = offsets[g] + Sums[g].Count;
        var next = offsets[..^1].ToArray();
        var groupedA = new double[offsets[^1]];
        var groupedB = new double[offsets[^1]];
        for (int i = 0; i < _groupOfPixel.Length; i++)
        {
            int g = _groupOfPixel[i];
            if (g == NotInRegion) continue;
            long at = next[g]++;
            groupedA[at] = a[i];
            groupedB[at] = b[i];
        }

        return (groupedA, groupedB, offsets);
    }

    /// <summary>A dense slot per distinct non-zero label, in ascending label order.</summary>
    /// <remarks>Labels up to 2²⁴ use a lookup array (no call per pixel); larger ones a dictionary.</remarks>
    private static (int[]? SlotOf, Func<uint, int>? Slot, long[] Labels) NumberLabels(uint[]? labels)
    {
        if (labels is null) return (null, _ => 0, [0]);
        uint max = 0;
        foreach (var v in labels) if (v > max) max = v;
        if (max <= 1 << 24)
        {
            var present = new bool[max + 1];
            foreach (var v in labels) present[v] = true;
            var slotOf = new int[max + 1];
            var ids = new List<long>();
            for (uint v = 1; v <= max; v++)
                if (present[v])
                {
                    slotOf[v] = ids.Count;
                    ids.Add(v);
                }

            return (slotOf, null, ids.ToArray());
        }

        var sorted = labels.Where(v => v != 0).Distinct().Order().ToArray();
        var map = new Dictionary<uint, int>(sorted.Length);
        for (int i = 0; i < sorted.Length; i++) map[sorted[i]] = i;
        return (null, v => map[v], sorted.Select(v => (long)v).ToArray());
    }
}
