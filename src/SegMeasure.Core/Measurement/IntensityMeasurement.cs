using System.Collections.Concurrent;
using System.Numerics;
using SegMeasure.Core.Images;
using SegMeasure.Core.Measurement.Engine;
using SegMeasure.Core.Streaming;
using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Measurement;

/// <summary>
/// Per-segment intensity statistics (the reference's <c>measure_intensities</c>): mean, median,
/// max, min, population std and the 10/25/75/90th percentiles of the samples under each label.
/// </summary>
/// <remarks>
/// One pass numbers the labels and counts their voxels, a second copies each channel's samples into one
/// buffer grouped by label (a counting sort, in parallel stripes); each group is then sorted on
/// its own, which gives exact order statistics. Work is O(voxels · log(segment size)) whatever
/// the number of labels. A multichannel image is measured channel by channel over the same
/// grouping; its columns carry the suffix <c>_ch0</c>, <c>_ch1</c>, … (a single channel has none).
/// </remarks>
public static class IntensityMeasurement
{
    /// <summary>The reference's columns, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "index", "mean_intensity", "median_intensity", "max_intensity", "min_intensity", "std_intensity",
        "percentile_10", "percentile_25", "percentile_75", "percentile_90",
    ];

    public static MeasurementTable Measure(LabelImage labels, IntensityImage intensity, IntensityOptions? options = null,
        IProgress<WorkProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(intensity);
        options ??= new IntensityOptions();
        if (labels.Shape != intensity.Shape)
            throw new ShapeMismatchException(
                $"the label image has shape {labels.Shape} but the intensity image has shape {intensity.Shape}; they must match");

        const string activity = "Measuring intensities";
        progress?.Report(new WorkProgress(activity, 0, intensity.ChannelCount + 1));
        // One pass over the labels numbers them and counts their voxels.
        var stripes = Stripes.Split(labels.Shape.Depth * labels.Shape.Height);
        var numbering = stripes.Select(s => new StripeSlots((long)(s.EndRow - s.FirstRow) * labels.Shape.Width)).ToArray();
        LabelSlots slots = null!;
        using var layout = GroupLayout.Count(stripes, LabelRuns.Numbering(labels.Data, labels.Shape.Width, numbering), ct, () =>
        {
            slots = LabelSlots.Merge(numbering, labels.Shape.Length, out var toCommon);
            return (slots.Count, toCommon);
        });
        progress?.Report(new WorkProgress(activity, 1, intensity.ChannelCount + 1));

        var columns = new List<TableColumn> { new IntegerColumn("index", slots.SortedIds.Select(id => (long)id)) };
        for (int c = 0; c < intensity.ChannelCount; c++)
        {
            var stats = GroupStatistics(layout, intensity.GetChannelArray(c), ct);
            string suffix = intensity.ChannelCount == 1 ? "" : $"_ch{c}";
            columns.AddRange(StatisticColumns(slots.InIdOrder(stats), suffix, options.IncludeSum));
            progress?.Report(new WorkProgress(activity, c + 2, intensity.ChannelCount + 1));
        }

        return new MeasurementTable(columns);
    }

    /// <summary>
    /// The same table from rows read front to back (<see cref="StreamedStatistics"/>): for images larger
    /// than memory, read from files band by band. <paramref name="channels"/> holds one row source per channel.
    /// </summary>
    internal static MeasurementTable Measure(ImageRows labels, IReadOnlyList<ImageRows> channels, IntensityOptions? options, BandLayout bands,
        IProgress<WorkProgress>? progress = null, CancellationToken ct = default)
    {
        options ??= new IntensityOptions();
        foreach (var channel in channels)
            if (channel.Shape != labels.Shape)
                throw new ShapeMismatchException(
                    $"the label image has shape {labels.Shape} but the intensity image has shape {channel.Shape}; they must match");

        const string activity = "Measuring intensities";
        progress?.Report(new WorkProgress(activity, 0, channels.Count + 1));
        var groups = StreamedStatistics.Number(labels, bands, ct);
        progress?.Report(new WorkProgress(activity, 1, channels.Count + 1));
        var columns = new List<TableColumn> { new IntegerColumn("index", groups.Slots!.SortedIds.Select(id => (long)id)) };
        for (int c = 0; c < channels.Count; c++)
        {
            var stats = groups.Describe(() => groups.SlotGroups(labels), channels[c], ct);
            columns.AddRange(StatisticColumns(groups.Slots!.InIdOrder(stats), channels.Count == 1 ? "" : $"_ch{c}", options.IncludeSum));
            progress?.Report(new WorkProgress(activity, c + 2, channels.Count + 1));
        }

        return new MeasurementTable(columns);
    }

    private delegate double Statistic(in SampleStatistics s);

    private static readonly (string Name, Statistic Pick)[] StatisticsColumns =
    [
        ("mean_intensity", (in SampleStatistics s) => s.Mean),
        ("sum_intensity", (in SampleStatistics s) => s.Sum),
        ("median_intensity", (in SampleStatistics s) => s.Median),
        ("max_intensity", (in SampleStatistics s) => s.Max),
        ("min_intensity", (in SampleStatistics s) => s.Min),
        ("std_intensity", (in SampleStatistics s) => s.Std),
        ("percentile_10", (in SampleStatistics s) => s.Percentile10),
        ("percentile_25", (in SampleStatistics s) => s.Percentile25),
        ("percentile_75", (in SampleStatistics s) => s.Percentile75),
        ("percentile_90", (in SampleStatistics s) => s.Percentile90),
    ];

    /// <summary>The statistic columns of <paramref name="stats"/>, one record per table row.</summary>
    private static IEnumerable<TableColumn> StatisticColumns(SampleStatistics[] stats, string suffix, bool includeSum)
    {
        var picked = StatisticsColumns.Where(c => includeSum || c.Name != "sum_intensity").ToArray();
        var values = picked.Select(_ => new double[stats.Length]).ToArray();
        // Row by row: with 10⁵ groups, reading every record again for each column would cost more than the columns.
        for (int r = 0; r < stats.Length; r++)
            for (int c = 0; c < picked.Length; c++) values[c][r] = picked[c].Pick(in stats[r]);

        return picked.Select((c, i) => (TableColumn)new DoubleColumn(c.Name + suffix, values[i]));
    }

    /// <summary>Statistics of every group of <paramref name="layout"/> over one channel, dispatched on its sample type.</summary>
    internal static SampleStatistics[] GroupStatistics(GroupLayout layout, Array channel, CancellationToken ct) => channel switch
    {
        byte[] a => GroupStatistics(layout, a, ct),
        sbyte[] a => GroupStatistics(layout, a, ct),
        ushort[] a => GroupStatistics(layout, a, ct),
        short[] a => GroupStatistics(layout, a, ct),
        uint[] a => GroupStatistics(layout, a, ct),
        int[] a => GroupStatistics(layout, a, ct),
        ulong[] a => GroupStatistics(layout, a, ct),
        long[] a => GroupStatistics(layout, a, ct),
        float[] a => GroupStatistics(layout, a, ct),
        double[] a => GroupStatistics(layout, a, ct),
        _ => throw new NotSupportedException($"samples of type {channel.GetType().Name} are not supported"),
    };

    private static SampleStatistics[] GroupStatistics<T>(GroupLayout layout, T[] channel, CancellationToken ct) where T : unmanaged, INumber<T>
    {
        var values = layout.Gather(channel, ct);
        var result = new SampleStatistics[layout.GroupCount];
        if (result.Length == 0) return result; // a range partitioner needs a non-empty range
        // Groups go to workers in ranges: with 10⁵ small groups, one delegate call each would cost
        // as much as the statistics.
        var ranges = Partitioner.Create(0, layout.GroupCount, Math.Max(1, layout.GroupCount / (8 * Environment.ProcessorCount)));
        Parallel.ForEach(ranges, new ParallelOptions { CancellationToken = ct }, range =>
        {
            for (int g = range.Item1; g < range.Item2; g++)
                result[g] = SampleStatistics.Of(values.AsSpan((int)layout.Offsets[g], (int)layout.CountOf(g)));
        });
        return result;
    }
}
