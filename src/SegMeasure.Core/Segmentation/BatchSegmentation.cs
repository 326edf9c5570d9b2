using System.Diagnostics;
using System.Text;
using SegMeasure.Core.Images;
using SegMeasure.Core.Segmentation.Cellpose;
using SegMeasure.Core.Tiff;

namespace SegMeasure.Core.Segmentation;

/// <summary>
/// Segments a list of raw images with the spec's batch conventions: the channel and Z range are
/// selected and projected to one plane, the chosen method labels it, and the mask
/// (<c>*_vSM.ome.tif</c>) and its log are written through <see cref="OutputFile"/>. Every output
/// name is checked before anything is read or written: two inputs that map to one output, or an
/// existing output without <see cref="SegmentationOptions.Force"/>, refuse the whole run.
/// </summary>
public static class BatchSegmentation
{
    /// <summary>The jobs for <paramref name="inputs"/> (already expanded), or a clear error before any work.</summary>
    public static IReadOnlyList<SegmentationJob> Plan(IReadOnlyList<string> inputs, SegmentationOptions options)
    {
        Validate(options);
        var jobs = new List<SegmentationJob>();
        var claimed = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var input in inputs)
        {
            var (mask, log) = SegmentationNaming.OutputsFor(input, options.Suffix, options.OutputDirectory);
            var flows = SavesFlows(options) ? CellposeFlowsFile.PathFor(mask) : null;
            foreach (var output in flows is null ? new[] { mask, log } : new[] { mask, log, flows })
            {
                if (claimed.TryGetValue(output, out var other))
                    throw new SegMeasureException("SegMeasure.OutputCollision", ErrorKind.InvalidArgument,
                        $"{input} and {other} would both write {output}; use separate output folders or rename one input (nothing was written)", input);
                claimed[output] = input;
            }

            jobs.Add(new SegmentationJob(input, mask, log) { FlowsPath = flows });
        }

        foreach (var job in jobs) OutputFile.RefuseExisting(options.Force, job.MaskPath, job.LogPath, job.FlowsPath);
        // Open the model once now: a missing file, a wrong shape or a missing diam_mean fails before any image is read.
        using (OpenModel(options, [])) { }
        return jobs;
    }

    /// <summary>Runs <paramref name="jobs"/> (from <see cref="Plan"/>), <see cref="SegmentationOptions.Jobs"/> at a time; results in job order.</summary>
    public static IReadOnlyList<SegmentationResult> Run(IReadOnlyList<SegmentationJob> jobs, SegmentationOptions options,
        IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var results = new SegmentationResult[jobs.Count];
        int done = 0;
        var modelWarnings = new List<string>();
        using var model = OpenModel(options, modelWarnings);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Jobs), CancellationToken = cancellationToken };
        try
        {
            Parallel.For(0, jobs.Count, parallel, i =>
            {
                results[i] = Segment(jobs[i], options, model, modelWarnings, cancellationToken);
                progress?.Report(new WorkProgress("Segmenting", Interlocked.Increment(ref done), jobs.Count));
            });
        }
        catch (AggregateException e) when (e.InnerExceptions[0] is SegMeasureException)
        {
            // The first file's error as itself, so front ends show one clear line.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }

        return results;
    }

    /// <summary>Like <see cref="Run"/>, but a file that fails (unreadable, bad channel or Z range) is
    /// reported with its error and the others go on; cancellation still stops the batch.</summary>
    public static IReadOnlyList<(SegmentationJob Job, SegmentationResult? Result, SegMeasureException? Error)> RunEach(
        IReadOnlyList<SegmentationJob> jobs, SegmentationOptions options, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var outcomes = new (SegmentationJob, SegmentationResult?, SegMeasureException?)[jobs.Count];
        int done = 0;
        var modelWarnings = new List<string>();
        using var model = OpenModel(options, modelWarnings);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Jobs), CancellationToken = cancellationToken };
        Parallel.For(0, jobs.Count, parallel, i =>
        {
            try
            {
                outcomes[i] = (jobs[i], Segment(jobs[i], options, model, modelWarnings, cancellationToken), null);
            }
            catch (SegMeasureException e)
            {
                outcomes[i] = (jobs[i], null, e);
            }

            progress?.Report(new WorkProgress("Segmenting", Interlocked.Increment(ref done), jobs.Count));
        });
        return outcomes;
    }

    /// <summary>Segments one input into its mask and log.</summary>
    public static SegmentationResult Segment(SegmentationJob job, SegmentationOptions options, CancellationToken cancellationToken = default)
    {
        Validate(options);
        var modelWarnings = new List<string>();
        using var model = OpenModel(options, modelWarnings);
        return Segment(job, options, model, modelWarnings, cancellationToken);
    }

    private static SegmentationResult Segment(SegmentationJob job, SegmentationOptions options, OnnxCellposeModel? model,
        IReadOnlyList<string> modelWarnings, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var warnings = new List<string>(modelWarnings);
        uint[] labels;
        double[] thresholds = [];
        IReadOnlyList<KeyValuePair<string, string>>? methodLines = null;
        int height, width;
        VoxelSize? voxelSize = null;
        var frameClock = Stopwatch.StartNew();
        if (options.FromFlows)
        {
            var flows = CellposeFlowsFile.Read(job.Input, cancellationToken);
            (height, width) = (flows.Height, flows.Width);
            frameClock.Restart();
            (labels, methodLines) = CellposeSegmentation.FromFlows(flows, job.Input, options.Cellpose, cancellationToken);
        }
        else
        {
            var image = ImageFile.ReadIntensity(job.Input, null, cancellationToken);
            var plane = SelectPlane(image, options, warnings, job.Input);
            (height, width, voxelSize) = (image.Shape.Height, image.Shape.Width, image.VoxelSize);
            // The image model holds one time point (a T axis is refused when reading), so a file is one frame.
            frameClock.Restart();
            if (options.Method == SegmentationMethod.Cellpose)
            {
                var (cellposeLabels, flows, lines) = CellposeSegmentation.FromImage(plane, height, width, model!, options.Cellpose, cancellationToken);
                labels = cellposeLabels;
                methodLines = lines;
                if (job.FlowsPath is not null) CellposeFlowsFile.Write(job.FlowsPath, flows, voxelSize, options.Force, cancellationToken);
            }
            else
            {
                var (classicalLabels, threshold) = SegmentPlane(plane, height, width, options, job.Input, cancellationToken);
                labels = classicalLabels;
                thresholds = [threshold];
            }
        }

        var frameSeconds = frameClock.Elapsed.TotalSeconds;
        int objects = labels.Length == 0 ? 0 : (int)labels.Max();
        var mask = new LabelImage(labels, ImageShape.Of2D(height, width), voxelSize);
        TiffWriter.WriteLabels(job.MaskPath, mask, new TiffWriteOptions { Overwrite = options.Force }, cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;
        var text = SegmentationLog.Format(job, options, [objects], [frameSeconds], seconds, warnings, thresholds, methodLines);
        OutputFile.Write(job.LogPath, options.Force, s => s.Write(Encoding.UTF8.GetBytes(text)), "the segmentation log");
        return new SegmentationResult(job.Input, job.MaskPath, job.LogPath, [objects], seconds, warnings);
    }

    private static (uint[] Labels, double Threshold) SegmentPlane(double[] plane, int height, int width, SegmentationOptions options, string input, CancellationToken cancellationToken) =>
        options.Method switch
        {
            SegmentationMethod.Classical => ClassicalSegmentation.Segment(plane, height, width, options.Classical, cancellationToken),
            _ => throw MicroSamMissing(),
        };

    private static SegMeasureException MicroSamMissing() => new("SegMeasure.MethodNotAvailable", ErrorKind.NotSupported,
        "micro-sam (Segment Anything for Microscopy) is out of scope for SegMeasure: it needs Python with the micro_sam package, PyTorch and Segment Anything weights, none of which SegMeasure ships; use the classical or cellpose method");

    private static void Validate(SegmentationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Method == SegmentationMethod.MicroSam && !options.FromFlows) throw MicroSamMissing();
        SegmentationNaming.ValidateSuffix(options.Suffix);
        options.Classical.Validate();
        if (options.Channel < 0) throw Invalid($"the channel position must be ≥ 0 (got {options.Channel})");
        if (options.ZFirst < 0 || options.ZLast < 0 || options.ZFirst > options.ZLast)
            throw Invalid($"the Z range {options.ZFirst}-{options.ZLast} is not a range of 0-based sections");
        if (options.Jobs < 1) throw Invalid($"jobs must be ≥ 1 (got {options.Jobs})");
        if (options.OutputDirectory is not null && !Directory.Exists(options.OutputDirectory))
            throw new SegMeasureException("SegMeasure.FolderNotFound", ErrorKind.NotFound, $"{options.OutputDirectory}: the output folder does not exist", options.OutputDirectory);
        if (options.Method == SegmentationMethod.Cellpose || options.FromFlows)
        {
            options.Cellpose.Validate();
            if (options.FromFlows) return;
            if (string.IsNullOrEmpty(options.ModelPath)) throw Invalid("the cellpose method needs a model (--model M.onnx)");
            if (!File.Exists(options.ModelPath))
                throw new SegMeasureException("SegMeasure.FileNotFound", ErrorKind.NotFound, $"{options.ModelPath}: no such model file", options.ModelPath);
        }
    }

    private static bool SavesFlows(SegmentationOptions options) =>
        options.Method == SegmentationMethod.Cellpose && !options.FromFlows && options.Cellpose.SaveFlows;

    /// <summary>The Cellpose model the run needs (checked: I/O shapes, diam_mean when a diameter is given), or null.</summary>
    private static OnnxCellposeModel? OpenModel(SegmentationOptions options, List<string> warnings)
    {
        if (options.Method != SegmentationMethod.Cellpose || options.FromFlows) return null;
        var model = OnnxCellposeModel.Open(options.ModelPath!, options.Cellpose.UseGpu, warnings);
        try
        {
            CellposeInference.RescaleFor(model, options.Cellpose);
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    private static SegMeasureException Invalid(string message) => new("SegMeasure.InvalidArgument", ErrorKind.InvalidArgument, message);

    /// <summary>The channel, then the Z range projected to one plane.</summary>
    internal static double[] SelectPlane(IntensityImage image, SegmentationOptions options, List<string> warnings, string path)
    {
        if (options.Channel >= image.ChannelCount)
            throw new SegMeasureException("SegMeasure.InvalidChannel", ErrorKind.InvalidArgument,
                $"{path}: channel position {options.Channel} does not exist (the image has {image.ChannelCount} channel{(image.ChannelCount == 1 ? "" : "s")}, 0-based)", path);
        var data = image.ChannelAsDouble(options.Channel);
        int depth = image.Shape.Depth, plane = image.Shape.Height * image.Shape.Width;
        if (depth == 1)
        {
            if (options.ZFirst > 0 || options.ZLast > 0)
                throw new SegMeasureException("SegMeasure.InvalidZRange", ErrorKind.InvalidArgument, $"{path}: the Z range {options.ZFirst}-{options.ZLast} asks for sections the image (one section) does not have", path);
            return data;
        }

        int first = options.ZFirst ?? 0, last = options.ZLast ?? depth - 1;
        if (last >= depth)
            throw new SegMeasureException("SegMeasure.InvalidZRange", ErrorKind.InvalidArgument, $"{path}: the Z range {first}-{last} goes beyond the image's {depth} sections (0-{depth - 1})", path);
        return ZProjection.Project(data, depth, plane, first, last, options.Projection);
    }
}
