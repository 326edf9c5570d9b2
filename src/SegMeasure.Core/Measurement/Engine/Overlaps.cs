using SegMeasure.Core.Images;
using SegMeasure.Core.Streaming;

namespace SegMeasure.Core.Measurement.Engine;

/// <summary>
/// Voxel counts of every cell and of every (cell, nucleus) overlap, gathered in one parallel pass
/// over both label images; and the assignment of nuclei to cells derived from them.
/// </summary>
internal sealed class Overlaps
{
    private Overlaps(long[] cellVoxels, Dictionary<long, long> pairVoxels, Dictionary<uint, long>? nucleusVoxels)
    {
        CellVoxels = cellVoxels;
        PairVoxels = pairVoxels;
        NucleusVoxels = nucleusVoxels;
    }

    /// <summary>Voxels per cell slot (nucleus included).</summary>
    public long[] CellVoxels { get; }

    /// <summary>Overlap voxels per (cell slot, nucleus id), keyed by <see cref="Pair"/>.</summary>
    public Dictionary<long, long> PairVoxels { get; }

    /// <summary>Total voxels per nucleus id (inside or outside cells), when requested.</summary>
    public Dictionary<uint, long>? NucleusVoxels { get; }

    public static long Pair(int cellSlot, uint nucleus) => ((long)cellSlot << 32) | nucleus;

    /// <summary>
    /// The counts from rows read front to back (arrays, or files band by band): each stripe reads its rows
    /// of both images through cursors of its own. Per-label state only; sums do not depend on stripes.
    /// </summary>
    public static Overlaps Count(ImageRows cells, ImageRows nuclei, LabelSlots slots, BandLayout bands, bool withNucleusTotals, CancellationToken ct)
    {
        var stripes = bands.Split(cells.RowCount);
        int width = cells.Shape.Width;
        var cellParts = new long[stripes.Length][];
        var pairParts = new Dictionary<long, long>[stripes.Length];
        var nucleusParts = new Dictionary<uint, long>[stripes.Length];
        bands.Run(stripes, ct, s =>
        {
            var cellVoxels = new long[slots.Count];
            var pairs = new Dictionary<long, long>();
            var totals = new Dictionary<uint, long>();
            using var cellRows = new LabelRowReader(cells);
            using var nucleusRows = new LabelRowReader(nuclei);
            for (int row = s.FirstRow; row < s.EndRow; row++)
            {
                if ((row & 1023) == 0) ct.ThrowIfCancellationRequested();
                var c = cellRows.Row(row);
                var nu = nucleusRows.Row(row);
                for (int i = 0; i < width;)
                {
                    uint cell = c[i], nucleus = nu[i];
                    int start = i++;
                    while (i < width && c[i] == cell && nu[i] == nucleus) i++;
                    long length = i - start;
                    if (withNucleusTotals && nucleus != 0) Add(totals, nucleus, length);
                    if (cell == 0) continue;
                    int slot = slots.SlotOf(cell);
                    cellVoxels[slot] += length;
                    if (nucleus != 0) Add(pairs, Pair(slot, nucleus), length);
                }
            }

            cellParts[s.Index] = cellVoxels;
            pairParts[s.Index] = pairs;
            nucleusParts[s.Index] = totals;
        });

        var cellTotal = cellParts[0];
        var pairTotal = pairParts[0];
        var nucleusTotal = nucleusParts[0];
        for (int p = 1; p < stripes.Length; p++)
        {
            for (int i = 0; i < cellTotal.Length; i++) cellTotal[i] += cellParts[p][i];
            foreach (var (k, v) in pairParts[p]) Add(pairTotal, k, v);
            foreach (var (k, v) in nucleusParts[p]) Add(nucleusTotal, k, v);
        }

        return new Overlaps(cellTotal, pairTotal, withNucleusTotals ? nucleusTotal : null);
    }

    private static void Add<TKey>(Dictionary<TKey, long> counts, TKey key, long value) where TKey : notnull
    {
        ref long slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _);
        slot += value;
    }

    /// <summary>The (cell, nucleus) pairs that count, by the assignment rule and minimum overlap fraction.</summary>
    public HashSet<long> Assign(LabelSlots slots, NucleusAssignment assignment, double minimumFraction)
    {
        var assigned = new HashSet<long>();
        Dictionary<uint, (int Cell, long Voxels)>? best = null;
        if (assignment == NucleusAssignment.LargestOverlap)
        {
            best = new Dictionary<uint, (int, long)>();
            foreach (var (pair, voxels) in PairVoxels)
            {
                int cell = (int)(pair >> 32);
                uint nucleus = (uint)pair;
                if (!best.TryGetValue(nucleus, out var current) || voxels > current.Voxels || (voxels == current.Voxels && slots.Ids[cell] < slots.Ids[current.Cell]))
                    best[nucleus] = (cell, voxels);
            }
        }

        foreach (var (pair, voxels) in PairVoxels)
        {
            int cell = (int)(pair >> 32);
            uint nucleus = (uint)pair;
            if (best is not null && best[nucleus].Cell != cell) continue;
            if (minimumFraction > 0 && voxels < minimumFraction * NucleusVoxels![nucleus]) continue;
            assigned.Add(pair);
        }

        return assigned;
    }
}
