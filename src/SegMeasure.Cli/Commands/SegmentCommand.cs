using System.CommandLine;
using System.Globalization;
using SegMeasure.Core;
using SegMeasure.Core.Segmentation;
using SegMeasure.Core.Segmentation.Cellpose;

namespace SegMeasure.Cli.Commands;

/// <summary>
/// <c>segmeasure segment --input FILES... [--method classical|cellpose] ...</c>: segments raw images
/// into <c>&lt;name&gt;_vSM[-suffix].ome.tif</c> masks and <c>.log</c> files (core: <see cref="BatchSegmentation"/>).
/// </summary>
public static class SegmentCommand
{
    public static Command Create()
    {
        var defaults = new SegmentationOptions();
        var input = new Option<string[]>("--input", "-i") { Description = "Image files, folders or wildcard patterns", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = true };
        var flowsInput = new Option<string[]>("--flows") { Description = "Instead of --input: flows files saved by --save-flows; masks are recomputed from them without the network (cellpose method)", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = true };
        var method = new Option<string>("--method") { Description = "classical | cellpose | microsam", DefaultValueFactory = _ => "classical" };
        method.AcceptOnlyFromAmong("classical", "cellpose", "microsam");
        var model = new Option<string?>("--model") { Description = "Cellpose network exported to ONNX (cellpose method)" };
        var diameter = new Option<double>("--diameter") { Description = $"Expected object diameter in pixels (classical: default {defaults.Classical.Diameter.ToString(CultureInfo.InvariantCulture)}; cellpose: rescales by the model's diam_mean / diameter, none by default)", DefaultValueFactory = _ => defaults.Classical.Diameter };
        var sigma = new Option<double>("--sigma") { Description = "Gaussian smoothing sigma in pixels (classical method)", DefaultValueFactory = _ => defaults.Classical.Sigma };
        var threshold = new Option<string>("--threshold")
        {
            Description = "local (above the local mean of a block of about three diameters; uneven backgrounds) | otsu (one global threshold) (classical method)",
            DefaultValueFactory = _ => defaults.Classical.Threshold.ToString().ToLowerInvariant(),
        };
        threshold.AcceptOnlyFromAmong("local", "otsu");
        var cellprob = new Option<double>("--cellprob-threshold") { Description = "Cellpose cell probability threshold (logit)", DefaultValueFactory = _ => defaults.Cellpose.Masks.CellProbabilityThreshold };
        var flow = new Option<double>("--flow-threshold") { Description = "Cellpose flow error threshold (0 = no check)", DefaultValueFactory = _ => defaults.Cellpose.Masks.FlowThreshold };
        var saveFlows = new Option<bool>("--save-flows") { Description = "Cellpose: also write the flows and cell probability (<name>_vSM[-suffix]_flows.tif) for --flows" };
        var useGpu = new Option<bool>("--use-gpu") { Description = "Cellpose: try ONNX Runtime's CUDA provider (falls back to the CPU with a warning)" };
        var sizeModel = new Option<string?>("--size-model") { Description = "Cellpose: size model as JSON (A, smean, ymean, diam_mean); without --diameter, the diameter is estimated from each image as Cellpose's size model does" };
        var niter = new Option<int?>("--niter") { Description = "Cellpose: Euler steps of flow following (default 200 / rescale, as Cellpose; give it with --flows to match a rescaled run)" };
        var minSize = new Option<int>("--min-size") { Description = "Remove objects of fewer pixels", DefaultValueFactory = _ => defaults.Classical.MinSize };
        var channel = new Option<int>("--channel") { Description = "0-based channel position when the image has channels", DefaultValueFactory = _ => defaults.Channel };
        var zRange = new Option<string?>("--z-range") { Description = "Z sections to project, FIRST-LAST (0-based, inclusive)" };
        var projection = new Option<string>("--projection") { Description = "max | min | mean | median | sum | std", DefaultValueFactory = _ => "max" };
        projection.AcceptOnlyFromAmong("max", "min", "mean", "median", "sum", "std");
        var suffix = new Option<string>("--suffix") { Description = "Text after _vSM- in output names (a-z A-Z 0-9 -)", DefaultValueFactory = _ => "" };
        var outputDir = new Option<string?>("--output-dir") { Description = "Write all outputs here instead of beside each input" };
        var filter = new Option<string?>("--name-filter") { Description = "Keep only files (from folders and patterns) whose name contains this text, e.g. _BF" };
        var jobs = new Option<int>("--jobs", "-j") { Description = "Files segmented at once", DefaultValueFactory = _ => defaults.Jobs };
        var force = CommonOptions.Force();

        var command = new Command("segment", "Segment raw images into label masks (<name>_vSM[-suffix].ome.tif) with a log each.");
        foreach (var option in new Option[] { input, flowsInput, method, model, diameter, sigma, threshold, cellprob, flow, saveFlows, useGpu, niter, sizeModel, minSize, channel, zRange, projection, suffix, outputDir, filter, jobs, force })
            command.Options.Add(option);
        command.SetAction((parse, token) => Task.FromResult(CliContext.Execute(ctx =>
        {
            var (first, last) = ParseZRange(parse.GetValue(zRange));
            var images = parse.GetValue(input) ?? [];
            var savedFlows = parse.GetValue(flowsInput) ?? [];
            if ((images.Length == 0) == (savedFlows.Length == 0))
                throw new SegMeasureException("SegMeasure.InvalidArgument", ErrorKind.InvalidArgument, "give either --input (images) or --flows (saved flows), not both or neither");
            bool fromFlows = savedFlows.Length > 0;
            var options = new SegmentationOptions
            {
                Method = Enum.Parse<SegmentationMethod>(parse.GetValue(method)!, ignoreCase: true),
                ModelPath = parse.GetValue(model),
                FromFlows = fromFlows,
                Cellpose = CellposeOptions.Requested(
                    parse.GetResult(diameter) is { Implicit: false } ? parse.GetValue(diameter) : null,
                    parse.GetValue(cellprob), parse.GetValue(flow),
                    parse.GetResult(minSize) is { Implicit: false } ? parse.GetValue(minSize) : null,
                    parse.GetValue(saveFlows), parse.GetValue(useGpu), parse.GetValue(niter), parse.GetValue(sizeModel)),
                Classical = new ClassicalSegmentationOptions
                {
                    Diameter = parse.GetValue(diameter), Sigma = parse.GetValue(sigma), MinSize = parse.GetValue(minSize),
                    Threshold = Enum.Parse<ClassicalThreshold>(parse.GetValue(threshold)!, ignoreCase: true),
                },
                Channel = parse.GetValue(channel),
                ZFirst = first,
                ZLast = last,
                Projection = Enum.Parse<ProjectionType>(parse.GetValue(projection)!, ignoreCase: true),
                Suffix = parse.GetValue(suffix) ?? "",
                OutputDirectory = parse.GetValue(outputDir),
                NameFilter = parse.GetValue(filter),
                Jobs = parse.GetValue(jobs),
                Force = parse.GetValue(force),
            };
            var files = SegmentationInputs.Expand(fromFlows ? savedFlows : images, options.NameFilter);
            var plan = BatchSegmentation.Plan(files, options);
            foreach (var result in BatchSegmentation.Run(plan, options, ctx.CreateProgress(), token))
            {
                foreach (var warning in result.Warnings) ctx.Error.WriteLine($"warning: {result.Input}: {warning}");
                ctx.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{result.Input} -> {result.MaskPath} ({string.Join(", ", result.ObjectsPerFrame)} objects, {result.Seconds:0.00} s)"));
            }

            return 0;
        })));
        return command;
    }

    private static (int?, int?) ParseZRange(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return (null, null);
        var parts = text.Split('-', 2);
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var a) && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var b))
            return (a, b);
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var single)) return (single, single);
        throw new SegMeasureException("SegMeasure.InvalidArgument", ErrorKind.InvalidArgument, $"--z-range \"{text}\": expected FIRST-LAST, e.g. 2-10 (0-based, inclusive)");
    }
}
