using SegMeasure.Core.Images;
using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Postprocessing;

/// <summary>Options of <see cref="MaskMatching"/>; sizes in voxels, null = no limit, fractional limits by <see cref="SizeLimit"/>.</summary>
public sealed record MaskMatchingOptions
{
    /// <summary>The defaults, which the command line and the cmdlets take rather than restate.</summary>
    public static MaskMatchingOptions Default { get; } = new();

    /// <summary>Fraction of a nucleus that must lie inside one cytosol for the two to match (scPortrait's
    /// <c>filtering_threshold_mask_matching</c>).</summary>
    public double OverlapThreshold { get; init; } = 0.95;

    public double? NucleusMinSize { get; init; }
    public double? NucleusMaxSize { get; init; }
    public double? CytosolMinSize { get; init; }
    public double? CytosolMaxSize { get; init; }
}

/// <summary>Matched masks: both outputs share ids 1..N (pair k has id k in both), plus what was dropped and why.</summary>
public sealed record MaskMatchingResult(
    LabelImage Nuclei,
    LabelImage Cytosol,
    int NucleiBefore,
    int CytosolBefore,
    int Pairs,
    MeasurementTable Matches,
    FilterReport Report);

/// <summary>
/// Nucleus–cytosol matching as scPortrait does it: optionally drop masks outside
/// [min, max] size, then match each nucleus to the cytosol covering the largest part of it
/// when that part is at least the overlap threshold; keep only cytosols holding exactly one
/// matched nucleus. Multinucleated cells (cytosol and nuclei), cytosols without a nucleus and
/// nuclei without a cytosol are dropped. Kept pairs are renumbered 1..N in ascending order of
/// the cytosol id, so the ids fit both inputs' label types.
/// </summary>
/// <remarks>Sizes and overlaps come from one pass over the voxels; the rest is per-segment bookkeeping.</remarks>
public static class MaskMatching
{
    public const string TooSmall = "size_below_min";
    public const string TooLarge = "size_above_max";
    public const string NoCytosol = "no_matching_cytosol";
    public const string NoNucleus = "no_matching_nucleus";
    public const string Multinucleated = "multinucleated";
    public const string InMultinucleatedCell = "in_multinucleated_cell";

    private static readonly string[] ReasonOrder = [TooSmall, TooLarge, NoCytosol, NoNucleus, Multinucleated, InMultinucleatedCell];

    public static MaskMatchingResult Match(LabelImage nuclei, LabelImage cytosol, MaskMatchingOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nuclei);
        ArgumentNullException.ThrowIfNull(cytosol);
        options ??= new MaskMatchingOptions();
        if (nuclei.Shape.Depth != cytosol.Shape.Depth || nuclei.Shape.Height != cytosol.Shape.Height || nuclei.Shape.Width != cytosol.Shape.Width)
            throw new ShapeMismatchException($"the nucleus mask has shape {nuclei.Shape} but the cytosol mask has shape {cytosol.Shape}");
        if (!(options.OverlapThreshold > 0 && options.OverlapThreshold <= 1))
            throw new SegMeasureException("SegMeasure.InvalidArgument", ErrorKind.InvalidArgument, $"the overlap threshold must be in (0, 1], got {options.OverlapThreshold}");

        var nucleusSizes = LabelCounts.Of(nuclei);
        var cytosolSizes = LabelCounts.Of(cytosol);
        var rows = new List<Row>();
        var nucleusKept = SizeFilter(nucleusSizes, options.NucleusMinSize, options.NucleusMaxSize, "nucleus", rows);
        var cytosolKept = SizeFilter(cytosolSizes, options.CytosolMinSize, options.CytosolMaxSize, "cytosol", rows);
        cancellationToken.ThrowIfCancellationRequested();

        // Overlap of every (nucleus, cytosol) pair among the masks that passed the size filter.
        var overlap = new Dictionary<ulong, long>();
        var n = nuclei.Data;
        var c = cytosol.Data;
        for (long i = 0; i < n.LongLength; i++)
        {
            uint a = n[i], b = c[i];
            if (a == 0 || b == 0 || !nucleusKept.Contains(a) || !cytosolKept.Contains(b)) continue;
            var key = ((ulong)a << 32) | b;
            overlap[key] = overlap.TryGetValue(key, out var k) ? k + 1 : 1;
        }

        // Each nucleus: the cytosol covering most of it (smaller id on a tie).
        var best = new Dictionary<uint, (uint Cytosol, long Voxels)>();
        foreach (var (key, voxels) in overlap)
        {
            uint a = (uint)(key >> 32), b = (uint)key;
            if (!best.TryGetValue(a, out var current) || voxels > current.Voxels || (voxels == current.Voxels && b < current.Cytosol))
                best[a] = (b, voxels);
        }

        var nucleiOf = new Dictionary<uint, List<uint>>();
        foreach (var a in nucleusKept.Order())
        {
            best.TryGetValue(a, out var match);
            double fraction = (double)match.Voxels / nucleusSizes[a];
            if (match.Voxels == 0 || fraction < options.OverlapThreshold)
            {
                rows.Add(new Row("nucleus", a, [NoCytosol], nucleusSizes[a], match.Voxels == 0 ? 0 : fraction, match.Cytosol, 0));
                continue;
            }

            if (!nucleiOf.TryGetValue(match.Cytosol, out var list)) nucleiOf[match.Cytosol] = list = [];
            list.Add(a);
        }

        var pairs = new List<(uint Nucleus, uint Cytosol)>();
        foreach (var b in cytosolKept.Order())
        {
            var held = nucleiOf.TryGetValue(b, out var list) ? list : [];
            if (held.Count == 1)
            {
                pairs.Add((held[0], b));
                continue;
            }

            rows.Add(new Row("cytosol", b, [held.Count == 0 ? NoNucleus : Multinucleated], cytosolSizes[b], double.NaN, 0, held.Count));
            foreach (var a in held)
            {
                var (_, voxels) = best[a];
                rows.Add(new Row("nucleus", a, [InMultinucleatedCell], nucleusSizes[a], (double)voxels / nucleusSizes[a], b, held.Count));
            }
        }

        var nucleusId = new Dictionary<uint, uint>();
        var cytosolId = new Dictionary<uint, uint>();
        for (int k = 0; k < pairs.Count; k++)
        {
            nucleusId[pairs[k].Nucleus] = (uint)(k + 1);
            cytosolId[pairs[k].Cytosol] = (uint)(k + 1);
        }

        var nucleiOut = new uint[n.Length];
        var cytosolOut = new uint[c.Length];
        for (long i = 0; i < n.LongLength; i++)
        {
            if (n[i] != 0 && nucleusId.TryGetValue(n[i], out var a)) nucleiOut[i] = a;
            if (c[i] != 0 && cytosolId.TryGetValue(c[i], out var b)) cytosolOut[i] = b;
        }

        var matches = new MeasurementTable([
            new IntegerColumn(MeasurementTable.IndexColumn, pairs.Select((_, k) => (long)(k + 1))),
            new IntegerColumn("nucleus_label", pairs.Select(p => (long)p.Nucleus)),
            new IntegerColumn("cytosol_label", pairs.Select(p => (long)p.Cytosol)),
        ]);

        rows.Sort((x, y) => x.Mask != y.Mask ? string.CompareOrdinal(y.Mask, x.Mask) : x.Label.CompareTo(y.Label));
        var report = new FilterReport(
            new MeasurementTable([
                new TextColumn("mask", rows.Select(r => r.Mask).ToArray()),
                new IntegerColumn("label", rows.Select(r => (long)r.Label)),
                new TextColumn("reason", rows.Select(r => string.Join(";", r.Reasons)).ToArray()),
                new IntegerColumn("size", rows.Select(r => r.Size)),
                new DoubleColumn("overlap_fraction", rows.Select(r => r.Overlap).ToArray()),
                new IntegerColumn("cytosol_label", rows.Select(r => r.Cytosol == 0 ? (long?)null : r.Cytosol).ToArray()),
                new IntegerColumn("matched_nuclei", rows.Select(r => r.Mask == "cytosol" || r.Reasons[0] == InMultinucleatedCell ? (long?)r.NucleiInCell : null).ToArray()),
            ]),
            FilterReport.Count(rows.Select(r => r.Reasons), ReasonOrder));

        return new MaskMatchingResult(
            nuclei.WithData(nucleiOut), cytosol.WithData(cytosolOut),
            nucleusSizes.SegmentCount, cytosolSizes.SegmentCount, pairs.Count, matches, report);
    }

    /// <summary>Ids within the size limits, ascending; the others become report rows.</summary>
    private static HashSet<uint> SizeFilter(LabelCounts sizes, double? min, double? max, string mask, List<Row> rows)
    {
        var kept = new HashSet<uint>();
        foreach (var id in sizes.Labels())
        {
            var size = sizes[id];
            if (SizeLimit.IsBelow(size, min)) rows.Add(new Row(mask, id, [TooSmall], size, double.NaN, 0, 0));
            else if (SizeLimit.IsAbove(size, max)) rows.Add(new Row(mask, id, [TooLarge], size, double.NaN, 0, 0));
            else kept.Add(id);
        }

        return kept;
    }

    private sealed record Row(string Mask, uint Label, string[] Reasons, long Size, double Overlap, uint Cytosol, int NucleiInCell);
}
