using System.Collections.Concurrent;
using SegMeasure.Core.Images;

namespace SegMeasure.Core.Colocalization;

/// <summary>
/// Per-region colocalization of two channels (the spec's <c>analyse_pairwise</c>) and of every
/// channel pair i &lt; j of one multichannel image (<c>analyse_all_to_all</c>). One row per
/// non-zero label of the label image (or one row, region 0, for the whole image), per plane
/// when a slice axis is given. A region where a requested metric is undefined keeps NaN there
/// and adds a warning; only a request that cannot run at all is an error.
/// </summary>
internal static class ColocalizationAnalysis
{
    /// <summary>Analyses <paramref name="a"/> against <paramref name="b"/>, both single-channel images of one shape.</summary>
    public static ColocalizationResult Pairwise(IntensityImage a, IntensityImage b, LabelImage? labels = null, ColocalizationOptions? options = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        options ??= new ColocalizationOptions();
        if (a.ChannelCount != 1 || b.ChannelCount != 1)
            throw new SegMeasureException("SegMeasure.NotSingleChannel", ErrorKind.InvalidData,
                $"pairwise colocalization needs one channel per image, but the images have {a.ChannelCount} and {b.ChannelCount}; analyse a multichannel image all-to-all instead");
        if (a.Shape != b.Shape)
            throw new ShapeMismatchException($"image A has shape {a.Shape} but image B has shape {b.Shape}; they must match");
        Validate(options);
        var rows = new List<RegionRow>();
        AnalysePair(ChannelPlane.Of(a, 0), ChannelPlane.Of(b, 0), labels, options, options.ChannelA, options.ChannelB, rows, ct);
        return Finish(rows);
    }

    /// <summary>
    /// Analyses every channel pair (i, j), i &lt; j, of <paramref name="image"/>: pairs in order
    /// (0,1), (0,2), …, each with its regions. When the file declared channels they are used;
    /// otherwise <paramref name="channelAxis"/> (numpy order of the image, (Y, X) or (Z, Y, X))
    /// splits the image into channels and the label image must match the remaining axes.
    /// </summary>
    public static ColocalizationResult AllToAll(IntensityImage image, int? channelAxis, LabelImage? labels = null, ColocalizationOptions? options = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        options ??= new ColocalizationOptions();
        Validate(options);
        var channels = ChannelSplit.Channels(image, channelAxis);
        if (channels.Count < 2)
            throw new SegMeasureException("SegMeasure.TooFewChannels", ErrorKind.InvalidData,
                $"all-to-all colocalization needs at least two channels, the image has {channels.Count}");
        var names = options.ChannelNames ?? Enumerable.Range(0, channels.Count).Select(ColocalizationOptions.DefaultChannelName).ToArray();
        if (names.Count != channels.Count)
            throw new SegMeasureException("SegMeasure.ChannelNameCount", ErrorKind.InvalidArgument,
                $"{names.Count} channel name(s) given for {channels.Count} channels");
        var rows = new List<RegionRow>();
        for (int i = 0; i < channels.Count; i++)
            for (int j = i + 1; j < channels.Count; j++)
                AnalysePair(channels[i], channels[j], labels, options, names[i], names[j], rows, ct);
        return Finish(rows);
    }

    private static ColocalizationResult Finish(List<RegionRow> rows) =>
        new(ColocalizationTable.From(rows), rows.Where(r => r.Warning is not null).Select(r => r.Warning!).ToArray());

    private static void Validate(ColocalizationOptions options)
    {
        if (options.Metrics is null || options.Metrics.Count == 0)
            throw new SegMeasureException("SegMeasure.UnknownMetric", ErrorKind.InvalidArgument, "no colocalization metric selected");
        if (!Enum.IsDefined(options.ThresholdMethod))
            throw new SegMeasureException("SegMeasure.UnknownThresholdMethod", ErrorKind.InvalidArgument, $"unknown threshold method '{options.ThresholdMethod}'");
        if (options.ThresholdMethod == ColocalizationThresholdMethod.Manual && (options.ThresholdA is null || options.ThresholdB is null))
            throw new SegMeasureException("SegMeasure.MissingThreshold", ErrorKind.InvalidArgument,
                "the manual threshold method needs both threshold A and threshold B");
        if (options.CostesMaxIterations < 1 || !(options.CostesStopStep > 0))
            throw new SegMeasureException("SegMeasure.InvalidOption", ErrorKind.InvalidArgument,
                "Costes' search needs at least one iteration and a positive stop step");
    }

    private static void AnalysePair(ChannelPlane a, ChannelPlane b, LabelImage? labels, ColocalizationOptions options, string nameA, string nameB,
        List<RegionRow> rows, CancellationToken ct)
    {
        int? sliceAxis = ResolveSliceAxis(options.SliceAxis, a.Shape);
        CheckLabels(labels, a.Shape, sliceAxis);
        var groups = RegionGroups.Build(a.Shape, a.Values, b.Values, labels, sliceAxis, ct);
        var metrics = options.Metrics.ToHashSet();
        bool needsPixels = metrics.Contains(ColocalizationMetric.Srcc) || metrics.Contains(ColocalizationMetric.Icq) || metrics.Contains(ColocalizationMetric.Mcc);
        double[] pixelsA = [], pixelsB = [];
        long[] offsets = new long[groups.Count + 1];
        if (needsPixels) (pixelsA, pixelsB, offsets) = groups.Gather(a.Values, b.Values);

        var result = new RegionRow[groups.Count];
        var ranges = Partitioner.Create(0, groups.Count, Math.Max(1, groups.Count / (8 * Environment.ProcessorCount)));
        if (groups.Count > 0)
            Parallel.ForEach(ranges, new ParallelOptions { CancellationToken = ct }, range =>
            {
                for (int g = range.Item1; g < range.Item2; g++)
                {
                    var region = needsPixels ? new Range((int)offsets[g], (int)offsets[g + 1]) : default;
                    result[g] = RegionMetrics.Compute(groups.Sums[g], pixelsA.AsSpan()[region], pixelsB.AsSpan()[region],
                        a.IntegerSamples && b.IntegerSamples, metrics, options);
                    var row = result[g];
                    row.Region = groups.RegionIds[g];
                    row.Slice = sliceAxis is null ? null : groups.Slices[g];
                    row.ChannelA = nameA;
                    row.ChannelB = nameB;
                    if (row.HasUncomputed(metrics))
                        row.Warning = RegionWarning.Describe(row, groups.Sums[g], metrics);
                }
            });
        rows.AddRange(result);
    }

    /// <summary>The slice axis in (Z, Y, X) order (0..2), from numpy order of a 2D or 3D image; negative counts from the end.</summary>
    private static int? ResolveSliceAxis(int? axis, ImageShape shape)
    {
        if (axis is null) return null;
        int dims = shape.Dimensions;
        int resolved = axis.Value < 0 ? axis.Value + dims : axis.Value;
        if (resolved < 0 || resolved >= dims)
            throw new SegMeasureException("SegMeasure.InvalidAxis", ErrorKind.InvalidArgument,
                $"slice axis {axis} is out of range for a {dims}D image of shape {shape}");
        return shape.Is2D ? resolved + 1 : resolved;
    }

    private static void CheckLabels(LabelImage? labels, ImageShape shape, int? sliceAxis)
    {
        if (labels is null || labels.Shape == shape) return;
        bool planeMask = labels.Shape.Is2D && !shape.Is2D && sliceAxis == 0 && labels.Shape.Height == shape.Height && labels.Shape.Width == shape.Width;
        if (!planeMask)
            throw new ShapeMismatchException($"the label image has shape {labels.Shape} but the images have shape {shape}; they must match");
    }
}
