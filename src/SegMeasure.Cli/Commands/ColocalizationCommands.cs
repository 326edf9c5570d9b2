using System.CommandLine;
using SegMeasure.Cli.Sweeps;
using SegMeasure.Core;
using SegMeasure.Core.Batch;
using SegMeasure.Core.Colocalization;

namespace SegMeasure.Cli.Commands;

/// <summary>
/// <c>segmeasure measure colocalization</c> and <c>segmeasure measure coloc-objects</c>: per-region
/// colocalization metrics and the object table, with globs and sweeps like every measure
/// command. Defaults come from <see cref="ColocalizationOptions"/> and
/// <see cref="ObjectDetectionOptions"/>; per-region warnings go to stderr, the run still succeeds.
/// </summary>
public static class ColocalizationCommands
{
    public static Command Colocalization()
    {
        var defaults = new ColocalizationOptions();
        var command = new Command("colocalization",
            "Per-region two-channel colocalization: Pearson and Spearman (with p-values), Li's ICQ, Manders' overlap, k1/k2 and M1/M2 at Costes or automatic thresholds.");
        var sweep = new FileSweep(command, "Measuring colocalization");
        var imageA = sweep.AddImages("--image-a", "Channel A intensity TIFF file(s); with --image (no --image-b), one multichannel image analysed all-to-all.", required: true, Manifest.IntensityImage, "--image");
        var imageB = sweep.AddImages("--image-b", "Channel B intensity TIFF file(s), paired with --image-a.", required: false);
        var segmentation = sweep.AddImages("--segmentation", "Optional label image(s): one row per non-zero label (default: the whole image as region 0).", required: false);
        var method = ThresholdMethodOption(ColocalizationThresholdMethods.NameOf(defaults.ThresholdMethod),
            Enum.GetValues<ColocalizationThresholdMethod>().Select(ColocalizationThresholdMethods.NameOf));
        var thresholdA = new Option<double?>("--threshold-a") { Description = "Channel A threshold for --threshold-method manual." };
        var thresholdB = new Option<double?>("--threshold-b") { Description = "Channel B threshold for --threshold-method manual." };
        var metrics = new Option<string>("--metrics")
        {
            Description = "Comma-separated metrics to compute (the others stay empty): pcc, srcc, icq, overlap, mcc.",
            DefaultValueFactory = _ => string.Join(",", defaults.Metrics.Select(ColocalizationMetrics.NameOf)),
        };
        var sliceAxis = new Option<int?>("--slice-axis") { Description = "Analyse every plane along this axis (numpy order: 0 = Z of a stack) on its own." };
        var channelNames = new Option<string?>("--channel-names") { Description = "Comma-separated channel names: A,B for a pair, one per channel all-to-all (default: A,B or c0,c1,...)." };
        var channelAxis = new Option<int?>("--channel-axis") { Description = "With --image: the axis holding the channels when the file does not declare them (numpy order, 0 = first)." };
        command.Add(method);
        command.Add(thresholdA);
        command.Add(thresholdB);
        command.Add(metrics);
        command.Add(sliceAxis);
        command.Add(channelNames);
        command.Add(channelAxis);
        sweep.MeasureWith((file, ct) =>
        {
            var names = SplitNames(file.Value(channelNames));
            bool pairwise = file[imageB] is not null;
            var options = defaults with
            {
                Metrics = ColocalizationMetrics.Parse(file.Value(metrics)!),
                ThresholdMethod = ColocalizationThresholdMethods.Parse(file.Value(method)!),
                ThresholdA = file.Value(thresholdA),
                ThresholdB = file.Value(thresholdB),
                SliceAxis = file.Value(sliceAxis),
                ChannelA = pairwise && names is { Length: > 0 } ? names[0] : defaults.ChannelA,
                ChannelB = pairwise && names is { Length: > 1 } ? names[1] : defaults.ChannelB,
                ChannelNames = pairwise ? null : names,
            };
            if (pairwise && names is not null && names.Length != 2)
                throw new SegMeasureException("SegMeasure.ChannelNameCount", ErrorKind.InvalidArgument, $"--channel-names needs two names for a pair, got {names.Length}");
            var result = pairwise
                ? ColocalizationFiles.Pairwise(file[imageA]!, file[imageB]!, file[segmentation], options, ct)
                : ColocalizationFiles.AllToAll(file[imageA]!, file.Value(channelAxis), file[segmentation], options, ct);
            ReportWarnings(file.Path, result.Warnings);
            return result.Table;
        });
        return command;
    }

    public static Command Objects()
    {
        var defaults = new ObjectDetectionOptions();
        var command = new Command("coloc-objects",
            "Object-based colocalization: objects of each channel by threshold + connected components, with centroid coincidence, overlap and nearest-neighbour distances.");
        var sweep = new FileSweep(command, "Measuring object colocalization");
        var imageA = sweep.AddImages("--image-a", "Channel A intensity TIFF file(s).");
        var imageB = sweep.AddImages("--image-b", "Channel B intensity TIFF file(s), paired with --image-a.");
        var mask = sweep.AddImages("--mask", "Optional mask image(s) (non-zero = inside) restricting object detection.", required: false);
        var method = ThresholdMethodOption(ColocalizationThresholdMethods.NameOf(defaults.ThresholdMethod),
            ColocalizationThresholdMethods.Automatic.Select(ColocalizationThresholdMethods.NameOf));
        var minSize = new Option<int>("--min-size") { Description = "Drop objects smaller than this many pixels.", DefaultValueFactory = _ => defaults.MinSize };
        var channelNames = new Option<string?>("--channel-names") { Description = "Comma-separated names of the two channels (default: A,B)." };
        command.Add(method);
        command.Add(minSize);
        command.Add(channelNames);
        sweep.MeasureWith((file, ct) =>
        {
            var names = SplitNames(file.Value(channelNames)) ?? [ColocalizationOptions.DefaultChannelA, ColocalizationOptions.DefaultChannelB];
            if (names.Length != 2)
                throw new SegMeasureException("SegMeasure.ChannelNameCount", ErrorKind.InvalidArgument, $"--channel-names needs two names, got {names.Length}");
            var options = defaults with { ThresholdMethod = ColocalizationThresholdMethods.Parse(file.Value(method)!), MinSize = file.Value(minSize) };
            return ColocalizationFiles.Objects(file[imageA]!, file[imageB]!, file[mask], options, names[0], names[1]).Table;
        });
        return command;
    }

    internal static Option<string> ThresholdMethodOption(string defaultName, IEnumerable<string> allowed)
    {
        var names = allowed.ToArray();
        var option = new Option<string>("--threshold-method")
        {
            Description = $"Threshold method: {string.Join(", ", names)} (default: {defaultName}).",
            DefaultValueFactory = _ => defaultName,
        };
        option.AcceptOnlyFromAmong(names);
        return option;
    }

    private static string[]? SplitNames(string? list) =>
        list is null ? null : list.Split(',', StringSplitOptions.TrimEntries);

    private static readonly object WarningLock = new();

    /// <summary>Per-region warnings are data, not failures: a count and the first few reasons on stderr.</summary>
    private static void ReportWarnings(string path, IReadOnlyList<string> warnings)
    {
        if (warnings.Count == 0) return;
        var error = CliContext.Get().Error;
        lock (WarningLock)
        {
            error.WriteLine($"segmeasure: {path}: {warnings.Count} region(s) with metrics left empty:");
            foreach (var w in warnings.Take(5)) error.WriteLine($"  {w}");
            if (warnings.Count > 5) error.WriteLine($"  ... and {warnings.Count - 5} more");
        }
    }
}
