using SegMeasure.Core.Images;
using SegMeasure.Core.Measurement.Engine;
using SegMeasure.Core.Streaming;
using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Measurement;

/// <summary>
/// Per-cell measurements combining a cell and a nucleus segmentation (the reference's
/// <c>measure_cell_nucleus</c>): number of nuclei, cell and nucleus size in physical units and
/// their ratio and, with an intensity image, statistics of the cytoplasm (cell voxels without
/// any nucleus) and of the cell's nuclear voxels with their ratios.
/// </summary>
/// <remarks>
/// <para>The reference scans the whole image once per cell; here one pass counts every
/// (cell, nucleus) overlap, and one grouped pass per channel gathers the cytoplasm and nucleus
/// samples of all cells at once.</para>
/// <para>By default (<see cref="NucleusAssignment.AnyOverlap"/>, no minimum fraction) a cell's
/// nucleus region is every nucleus voxel inside it and <c>n_nuclei</c> the number of distinct
/// nucleus ids touching it, as in the reference. With another assignment, only the nuclei assigned
/// to the cell count and form its nucleus region; nucleus voxels of unassigned nuclei belong to
/// neither region. <c>area_ratio</c>/<c>volume_ratio</c> is NaN without nucleus; an intensity ratio
/// is NaN when either region is empty or the nuclear value is 0. With several channels the
/// intensity columns carry the suffix <c>_ch0</c>, <c>_ch1</c>, ….</para>
/// </remarks>
public static class CellNucleusMeasurement
{
    public static readonly IReadOnlyList<string> Statistics =
        ["mean", "median", "max", "min", "percentile_10", "percentile_25", "percentile_75", "percentile_90"];

    /// <summary>The reference's columns for a 2D or 3D image, with or without intensity.</summary>
    public static IReadOnlyList<string> ColumnsFor(bool is2D, bool withIntensity, string suffix = "")
    {
        string size = is2D ? "area" : "volume";
        var columns = new List<string> { "index", "n_nuclei", $"cell_{size}", $"nucleus_{size}", $"{size}_ratio" };
        if (!withIntensity) return columns;
        columns.AddRange(Statistics.Select(s => $"cell_{s}_intensity{suffix}"));
        columns.AddRange(Statistics.Select(s => $"nucleus_{s}_intensity{suffix}"));
        columns.AddRange(Statistics.Select(s => $"{s}_intensity_ratio{suffix}"));
        return columns;
    }

    public static MeasurementTable Measure(LabelImage cells, LabelImage nuclei, CellNucleusOptions? options = null,
        IProgress<WorkProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(nuclei);
        options ??= new CellNucleusOptions();
        if (cells.Shape != nuclei.Shape)
            throw new ShapeMismatchException($"the cell segmentation has shape {cells.Shape} but the nucleus segmentation has shape {nuclei.Shape}; they must match");
        var intensity = options.Intensity;
        if (intensity is not null && intensity.Shape != cells.Shape)
            throw new ShapeMismatchException($"the intensity image has shape {intensity.Shape} but the cell segmentation has shape {cells.Shape}; they must match");
        CheckFraction(options);

        const string activity = "Measuring cells and nuclei";
        int steps = 2 + (intensity?.ChannelCount ?? 0);
        progress?.Report(new WorkProgress(activity, 0, steps));
        var slots = LabelSlots.Collect(cells, ct);
        var stripes = Stripes.Split(cells.Shape.Depth * cells.Shape.Height);
        var overlaps = Overlaps.Count(ArrayRows.Of(cells), ArrayRows.Of(nuclei), slots, BandLayout.InMemory, options.MinimumOverlapFraction > 0, ct);
        var assigned = overlaps.Assign(slots, options.Assignment, options.MinimumOverlapFraction);
        progress?.Report(new WorkProgress(activity, 1, steps));

        GroupLayout? layout = null;
        try
        {
            return Table(cells.Shape, cells.VoxelSize, options, slots, overlaps, assigned, intensity?.ChannelCount ?? 0, c =>
            {
                // Group 2c is the cytoplasm of the cell in slot c, group 2c + 1 its nuclear region.
                layout ??= GroupLayout.Count(stripes, RegionRuns(cells.Data, nuclei.Data, cells.Shape.Width, slots, EveryOverlap(options) ? null : assigned), 2 * slots.Count, ct);
                return IntensityMeasurement.GroupStatistics(layout, intensity!.GetChannelArray(c), ct);
            }, progress, ct);
        }
        finally
        {
            layout?.Dispose();
        }
    }

    /// <summary>
    /// The same table from rows read front to back, for images larger than memory: labels numbered and
    /// overlaps counted in parallel stripes, intensities gathered per cell region by <see cref="StreamedStatistics"/>.
    /// </summary>
    internal static MeasurementTable Measure(ImageRows cells, ImageRows nuclei, IReadOnlyList<ImageRows> intensity, CellNucleusOptions options,
        BandLayout bands, IProgress<WorkProgress>? progress = null, CancellationToken ct = default)
    {
        if (cells.Shape != nuclei.Shape)
            throw new ShapeMismatchException($"the cell segmentation has shape {cells.Shape} but the nucleus segmentation has shape {nuclei.Shape}; they must match");
        foreach (var channel in intensity)
            if (channel.Shape != cells.Shape)
                throw new ShapeMismatchException($"the intensity image has shape {channel.Shape} but the cell segmentation has shape {cells.Shape}; they must match");
        CheckFraction(options);

        const string activity = "Measuring cells and nuclei";
        progress?.Report(new WorkProgress(activity, 0, 2 + intensity.Count));
        var slots = StreamedStatistics.Number(cells, bands, ct).Slots!;
        var overlaps = Overlaps.Count(cells, nuclei, slots, bands, options.MinimumOverlapFraction > 0, ct);
        var assigned = overlaps.Assign(slots, options.Assignment, options.MinimumOverlapFraction);
        progress?.Report(new WorkProgress(activity, 1, 2 + intensity.Count));
        var regions = EveryOverlap(options) ? null : assigned;
        StreamedStatistics? groups = null;
        return Table(cells.Shape, cells.VoxelSize, options, slots, overlaps, assigned, intensity.Count, c =>
        {
            GroupRowReader Open() => new RegionRowReader(cells, nuclei, slots, regions);
            groups ??= StreamedStatistics.Count(cells.RowCount, 2 * slots.Count, Open, bands, ct);
            return groups.Describe(Open, intensity[c], ct);
        }, progress, ct);
    }

    private static bool EveryOverlap(CellNucleusOptions options) =>
        options.Assignment == NucleusAssignment.AnyOverlap && options.MinimumOverlapFraction == 0;

    private static void CheckFraction(CellNucleusOptions options)
    {
        if (!(options.MinimumOverlapFraction >= 0 && options.MinimumOverlapFraction <= 1))
            throw new SegMeasureException("SegMeasure.InvalidArgument", ErrorKind.InvalidArgument,
                $"the minimum overlap fraction must lie between 0 and 1, got {options.MinimumOverlapFraction}");
    }

    /// <summary>The table of both paths; <paramref name="channelStatistics"/> gives, per channel, statistics of groups 2c (cytoplasm) and 2c + 1 (nucleus).</summary>
    private static MeasurementTable Table(ImageShape shape, VoxelSize voxelSize, CellNucleusOptions options, LabelSlots slots, Overlaps overlaps,
        HashSet<long> assigned, int channels, Func<int, SampleStatistics[]> channelStatistics, IProgress<WorkProgress>? progress, CancellationToken ct)
    {
        const string activity = "Measuring cells and nuclei";
        int steps = 2 + channels;
        var (sz, sy, sx) = MeasurementScale.Resolve(options.Scale, shape, voxelSize);
        double voxel = sz * sy * sx;
        int n = slots.Count;
        var nucleusCount = new long[n];
        var nucleusVoxels = new long[n];
        foreach (var (pair, overlap) in overlaps.PairVoxels)
        {
            if (!assigned.Contains(pair)) continue;
            int cell = (int)(pair >> 32);
            nucleusCount[cell]++;
            nucleusVoxels[cell] += overlap;
        }

        bool is2D = shape.Is2D;
        string size = is2D ? "area" : "volume";
        // Table rows go by ascending id.
        var cellSize = slots.InIdOrder(overlaps.CellVoxels).Select(c => (double)c * voxel).ToArray();
        var nucleusSize = slots.InIdOrder(nucleusVoxels).Select(c => (double)c * voxel).ToArray();
        var columns = new List<TableColumn>
        {
            new IntegerColumn("index", slots.SortedIds.Select(id => (long)id)),
            new IntegerColumn("n_nuclei", slots.InIdOrder(nucleusCount)),
            new DoubleColumn($"cell_{size}", cellSize),
            new DoubleColumn($"nucleus_{size}", nucleusSize),
            new DoubleColumn($"{size}_ratio", Enumerable.Range(0, n).Select(i => nucleusSize[i] > 0 ? cellSize[i] / nucleusSize[i] : double.NaN).ToArray()),
        };

        for (int c = 0; c < channels; c++)
        {
            ct.ThrowIfCancellationRequested();
            columns.AddRange(IntensityColumns(channelStatistics(c), slots, channels == 1 ? "" : $"_ch{c}"));
            progress?.Report(new WorkProgress(activity, 2 + c, steps));
        }

        progress?.Report(new WorkProgress(activity, steps, steps));
        return new MeasurementTable(columns);
    }

    private static IEnumerable<TableColumn> IntensityColumns(SampleStatistics[] stats, LabelSlots slots, string suffix)
    {
        // Group 2c is the cytoplasm of the cell in slot c, group 2c + 1 its nuclear region.
        int cells = slots.Count;
        var cytoplasm = slots.SlotsByIdOrder.Select(c => stats[2 * c]).ToArray();
        var nucleus = slots.SlotsByIdOrder.Select(c => stats[2 * c + 1]).ToArray();
        foreach (var stat in Statistics)
            yield return new DoubleColumn($"cell_{stat}_intensity{suffix}", cytoplasm.Select(s => Pick(s, stat)).ToArray());
        foreach (var stat in Statistics)
            yield return new DoubleColumn($"nucleus_{stat}_intensity{suffix}", nucleus.Select(s => Pick(s, stat)).ToArray());
        foreach (var stat in Statistics)
            yield return new DoubleColumn($"{stat}_intensity_ratio{suffix}", Enumerable.Range(0, cells).Select(c =>
            {
                double a = Pick(cytoplasm[c], stat), b = Pick(nucleus[c], stat);
                return double.IsNaN(a) || double.IsNaN(b) || b == 0 ? double.NaN : a / b;
            }).ToArray());
    }

    private static double Pick(SampleStatistics s, string stat) => stat switch
    {
        "mean" => s.Mean,
        "median" => s.Median,
        "max" => s.Max,
        "min" => s.Min,
        "percentile_10" => s.Percentile10,
        "percentile_25" => s.Percentile25,
        "percentile_75" => s.Percentile75,
        _ => s.Percentile90,
    };

    /// <summary>Runs keyed 2·cell (no nucleus) or 2·cell + 1 (an assigned nucleus); other voxels are skipped.</summary>
    private static RunSource RegionRuns(uint[] cells, uint[] nuclei, int width, LabelSlots slots, HashSet<long>? assigned) => (stripe, visit) =>
    {
        for (long i = (long)stripe.FirstRow * width, end = (long)stripe.EndRow * width; i < end;)
        {
            uint cell = cells[i], nucleus = nuclei[i];
            long start = i;
            long rowEnd = (i / width + 1) * width;
            i++;
            while (i < rowEnd && cells[i] == cell && nuclei[i] == nucleus) i++;
            if (cell == 0) continue;
            int slot = slots.SlotOf(cell);
            if (nucleus == 0) visit(2 * slot, start, (int)(i - start));
            else if (assigned is null || assigned.Contains(Overlaps.Pair(slot, nucleus))) visit(2 * slot + 1, start, (int)(i - start));
        }
    };

    /// <summary>Row by row what <see cref="RegionRuns"/> gives: runs keyed 2·cell (no nucleus) or 2·cell + 1 (an assigned nucleus).</summary>
    private sealed class RegionRowReader(ImageRows cells, ImageRows nuclei, LabelSlots slots, HashSet<long>? assigned) : GroupRowReader
    {
        private readonly LabelRowReader _cells = new(cells);
        private readonly LabelRowReader _nuclei = new(nuclei);

        protected override void Fill(int row)
        {
            var c = _cells.Row(row);
            var nu = _nuclei.Row(row);
            for (int i = 0; i < c.Length;)
            {
                uint cell = c[i], nucleus = nu[i];
                int start = i++;
                while (i < c.Length && c[i] == cell && nu[i] == nucleus) i++;
                if (cell == 0) continue;
                int slot = slots.SlotOf(cell);
                if (nucleus == 0) Add(2 * slot, start, i - start);
                else if (assigned is null || assigned.Contains(Overlaps.Pair(slot, nucleus))) Add(2 * slot + 1, start, i - start);
            }
        }

        public override void Dispose()
        {
            _cells.Dispose();
            _nuclei.Dispose();
        }
    }
}
