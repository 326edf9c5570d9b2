using System.Diagnostics;
using System.Text;
using SegMeasure.Core.Images;
using SegMeasure.Core.Segmentation.Cellpose;
using SegMeasure.Core.Tiff;

namespace SegMeasure.Core.Segmentation;

/// <summary>
/// Segments a list of raw images with the spec's batch conventions: the channel and Z range are
/// selected and projected to one plane per time point, the chosen method labels each, and the mask
/// (<c>*_vSM.ome.tif</c>, with the input's T axis) and its log are written through <see cref="OutputFile"/>.
/// Files run in parallel when there are several; the frames of a lone time series run in parallel instead. Every output
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
                results[i] = Segment(jobs[i], options, model, modelWarnings, FrameJobs(jobs, options), cancellationToken);
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
    /// reported with its error and the others go on; cancellation still stops the batch. <paramref name="finished"/> is
    /// called as each file finishes (from worker threads, in completion order), so a front end can hand results on before the batch ends.</summary>
    public static IReadOnlyList<(SegmentationJob Job, SegmentationResult? Result, SegMeasureException? Error)> RunEach(
        IReadOnlyList<SegmentationJob> jobs, SegmentationOptions options, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default,
        Action<(SegmentationJob Job, SegmentationResult? Result, SegMeasureException? Error)>? finished = null)
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
                outcomes[i] = (jobs[i], Segment(jobs[i], options, model, modelWarnings, FrameJobs(jobs, options), cancellationToken), null);
            }
            catch (SegMeasureException e)
            {
                outcomes[i] = (jobs[i], null, e);
            }

            finished?.Invoke(outcomes[i]);
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
        return Segment(job, options, model, modelWarnings, options.Jobs, cancellationToken);
    }

    /// <summary>Coarse parallelism first: with as many files as workers the files run in parallel and each
    /// file's frames one after the other; with fewer files the spare workers go to the frames.</summary>
    private static int FrameJobs(IReadOnlyList<SegmentationJob> jobs, SegmentationOptions options) =>
        Math.Max(1, options.Jobs / Math.Max(1, jobs.Count));

    private static SegmentationResult Segment(SegmentationJob job, SegmentationOptions options, OnnxCellposeModel? model,
        IReadOnlyList<string> modelWarnings, int frameJobs, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var warnings = new List<string>(modelWarnings);
        if (options.FromFlows)
        {
            var flows = CellposeFlowsFile.Read(job.Input, cancellationToken);
            var flowsClock = Stopwatch.StartNew();
            var (fromFlows, flowLines) = CellposeSegmentation.FromFlows(flows, job.Input, options.Cellpose, cancellationToken);
            var frame = new FrameResult(fromFlows, double.NaN, flowLines, flowsClock.Elapsed.TotalSeconds);
            return Finish(job, options, [frame], flows.Height, flows.Width, null, clock, warnings, cancellationToken);
        }

        var images = ImageFile.ReadIntensityFrames(job.Input, null, cancellationToken);
        if (images.Count > 1 && job.FlowsPath is not null)
            throw new SegMeasureException("SegMeasure.NotSupported", ErrorKind.NotSupported,
                $"{job.Input}: saving Cellpose flows of a time series ({images.Count} time points) is not supported; save flows of single frames", job.Input);
        var frames = new FrameResult[images.Count];
        var frameWarnings = new List<string>[images.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = frameJobs, CancellationToken = cancellationToken };
        Parallel.For(0, images.Count, parallel, t =>
        {
            frameWarnings[t] = [];
            var plane = SelectPlane(images[t], options, frameWarnings[t], job.Input);
            frames[t] = SegmentFrame(plane, images[t], job, options, model, frameWarnings[t], cancellationToken);
        });
        foreach (var w in frameWarnings.SelectMany(f => f).Distinct()) warnings.Add(w);
        var shape = images[0].Shape;
        return Finish(job, options, frames, shape.Height, shape.Width, images[0].VoxelSize, clock, warnings, cancellationToken);
    }

    /// <summary>One time point's labels, the Otsu threshold (classical) and the method's log lines (Cellpose).</summary>
    private sealed record FrameResult(uint[] Labels, double Threshold, IReadOnlyList<KeyValuePair<string, string>>? MethodLines, double Seconds);

    private static FrameResult SegmentFrame(double[] plane, IntensityImage image, SegmentationJob job, SegmentationOptions options,
        OnnxCellposeModel? model, List<string> warnings, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        int height = image.Shape.Height, width = image.Shape.Width;
        if (options.Method == SegmentationMethod.Cellpose)
        {
            var (labels, flows, lines) = CellposeSegmentation.FromImage(plane, height, width, model!, options.Cellpose, warnings, cancellationToken);
            if (job.FlowsPath is not null) CellposeFlowsFile.Write(job.FlowsPath, flows, image.VoxelSize, options.Force, cancellationToken);
            return new FrameResult(labels, double.NaN, lines, clock.Elapsed.TotalSeconds);
        }

        var (classical, threshold) = SegmentPlane(plane, height, width, options, job.Input, cancellationToken);
        return new FrameResult(classical, threshold, null, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Writes the mask (one plane, or a T stack) and the log.</summary>
    private static SegmentationResult Finish(SegmentationJob job, SegmentationOptions options, IReadOnlyList<FrameResult> frames, int height, int width,
        VoxelSize? voxelSize, Stopwatch clock, List<string> warnings, CancellationToken cancellationToken)
    {
        var masks = frames.Select(f => new LabelImage(f.Labels, ImageShape.Of2D(height, width), voxelSize)).ToArray();
        ImageFile.WriteLabelFrames(job.MaskPath, masks, new TiffWriteOptions { Overwrite = options.Force }, cancellationToken);
        var objects = frames.Select(f => f.Labels.Length == 0 ? 0 : (int)f.Labels.Max()).ToArray();
        var thresholds = frames.All(f => double.IsNaN(f.Threshold)) ? [] : frames.Select(f => f.Threshold).ToArray();
        var seconds = clock.Elapsed.TotalSeconds;
        var text = SegmentationLog.Format(job, options, objects, frames.Select(f => f.Seconds).ToArray(), seconds, warnings, thresholds, frames[0].MethodLines);
        OutputFile.Write(job.LogPath, options.Force, s => s.Write(Encoding.UTF8.GetBytes(text)), "the segmentation log");
        return new SegmentationResult(job.Input, job.MaskPath, job.LogPath, objects, seconds, warnings);
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

    /// <summary>The Cellpose model the run needs (checked: I/O shapes, diam_mean when a diameter is given, the size model and a style output when it is to estimate the diameter), or null.</summary>
    private static OnnxCellposeModel? OpenModel(SegmentationOptions options, List<string> warnings)
    {
        if (options.Method != SegmentationMethod.Cellpose || options.FromFlows) return null;
        // A given diameter wins over the size model, as in Cellpose.
        var sizeModel = options.Cellpose.Diameter is null ? options.Cellpose.SizeModelPath : null;
        var model = OnnxCellposeModel.Open(options.ModelPath!, options.Cellpose.UseGpu, warnings, sizeModel);
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
