using System.CommandLine;
using System.CommandLine.Invocation;
using System.Globalization;
using SegMeasure.Cli.Sweeps;
using SegMeasure.Core;
using SegMeasure.Core.Batch;
using SegMeasure.Core.Postprocessing;
using SegMeasure.Core.Tables;

namespace SegMeasure.Cli.Commands;

/// <summary>
/// <c>segmeasure postprocess …</c>: filter-small-segments, remove-small-holes, ring-mask and
/// watershed with the spec's flags, plus shape-filter and match-masks. Every command takes one
/// file or a sweep (globs, <c>--output-dir</c>, <c>--jobs</c>) and prints one summary line per file.
/// </summary>
public static class PostprocessCommands
{
    private static ShapeFilterOptions Shape => ShapeFilterOptions.Default;

    /// <summary>Adds every post-processing command to the <c>postprocess</c> group.</summary>
    public static void AddTo(Command postprocess)
    {
        postprocess.Add(FilterSmallSegments());
        postprocess.Add(RemoveSmallHoles());
        postprocess.Add(RingMask());
        postprocess.Add(Watershed());
        postprocess.Add(ShapeFilter());
        postprocess.Add(MatchMasks());
    }

    public static Command FilterSmallSegments()
    {
        var command = new Command("filter-small-segments", "Remove segments with fewer voxels than --min-size (set them to 0).");
        var sweep = new FileSweep(command, "Filtering small segments");
        var input = sweep.AddImages("--input", "Input segmentation TIFF file(s).");
        var minSize = new Option<double>("--min-size") { Description = "Minimum segment size in pixels/voxels; strictly smaller segments are removed.", Required = true };
        var memory = LocalMemoryLimit();
        command.Add(minSize);
        command.Add(memory);
        sweep.TransformWith((file, output, write, ct) =>
            Summarise(PostprocessFile.FilterSmallSegments(file[input]!, output, file.Value(minSize), write, ct, WholeImageLimit.FromGigabytes(file.Value(memory)))));
        return command;
    }

    public static Command RemoveSmallHoles()
    {
        var command = new Command("remove-small-holes", "Fill holes of each segment up to --max-hole-size voxels; other segments are never overwritten.");
        var sweep = new FileSweep(command, "Filling holes");
        var input = sweep.AddImages("--input", "Input segmentation TIFF file(s).");
        var maxHole = new Option<double>("--max-hole-size") { Description = "Largest hole (in pixels/voxels, inclusive) that is filled.", Required = true };
        var memory = MemoryLimit();
        command.Add(maxHole);
        command.Add(memory);
        sweep.TransformWith((file, output, write, ct) =>
            Summarise(PostprocessFile.RemoveSmallHoles(file[input]!, output, file.Value(maxHole), write, ct, WholeImageLimit.FromGigabytes(file.Value(memory)))));
        return command;
    }

    /// <summary><c>--memory-limit GB</c> of the whole-image steps (hole filling, watershed).</summary>
    private static Option<double?> MemoryLimit() => new("--memory-limit")
    {
        Description = "Largest memory (GB) this whole-image step may use; larger images are refused before they are read. Default: half of the memory available.",
    };

    /// <summary><c>--memory-limit GB</c> of the local steps (small-segment filter, city-block ring mask): over it they go band by band.</summary>
    private static Option<double?> LocalMemoryLimit() => new("--memory-limit")
    {
        Description = "Memory (GB) this step may use; a TIFF that would need more is processed band by band from file to file (same pixels). Default: half of the memory available.",
    };

    public static Command RingMask()
    {
        var command = new Command("ring-mask", "Rings of --ring-width voxels around each segment (smaller id wins overlaps), or rings by nearest segment within --nearest-distance.");
        var sweep = new FileSweep(command, "Computing ring masks");
        var input = sweep.AddImages("--input", "Input segmentation TIFF file(s).");
        var width = new Option<int?>("--ring-width") { Description = "Width of the ring in pixels/voxels (city-block distance)." };
        var removeOriginal = new Option<bool>("--remove-original") { Description = "Set the original segment voxels to 0: output only the rings." };
        var nearest = new Option<double?>("--nearest-distance") { Description = "Instead of --ring-width: give each background voxel the id of its nearest segment when it lies within this Euclidean distance, in physical units (like scikit-image's expand_labels)." };
        var scale = CommonOptions.Scale();
        command.Add(width);
        command.Add(removeOriginal);
        var memory = LocalMemoryLimit();
        command.Add(nearest);
        command.Add(scale);
        command.Add(memory);
        command.Validators.Add(r =>
        {
            bool hasWidth = r.GetResult(width) is { Implicit: false }, hasNearest = r.GetResult(nearest) is { Implicit: false };
            if (hasWidth == hasNearest) r.AddError("Give exactly one of --ring-width and --nearest-distance.");
        });
        sweep.TransformWith((file, output, write, ct) =>
        {
            Summarise(PostprocessFile.RingMask(file[input]!, output, file.Value(width), !file.Value(removeOriginal), write, file.Value(nearest), file.Value(scale), ct,
                WholeImageLimit.FromGigabytes(file.Value(memory))));
        });
        return command;
    }

    public static Command Watershed()
    {
        var command = new Command("watershed", "Grow the input segments over a heatmap (low values flooded first), optionally within a mask.");
        var sweep = new FileSweep(command, "Running watershed");
        var input = sweep.AddImages("--input", "Input segmentation TIFF file(s) used as seeds.");
        var heatmap = sweep.AddImages("--heatmap", "Heatmap TIFF file(s) (low values flooded first), paired with --input.");
        var mask = sweep.AddImages("--mask", "Binary mask TIFF file(s); only voxels where it is non-zero are labelled.", required: false);
        var memory = MemoryLimit();
        command.Add(memory);
        sweep.TransformWith((file, output, write, ct) =>
            Summarise(PostprocessFile.Watershed(file[input]!, file[heatmap]!, file[mask], output, write, ct, WholeImageLimit.FromGigabytes(file.Value(memory)))));
        return command;
    }

    public static Command ShapeFilter()
    {
        var command = new Command("shape-filter", "Reject segments by area, eccentricity, solidity, extent, compactness, convexity deficit and perimeter/sqrt(area); renumber the rest from 1.");
        var sweep = new FileSweep(command, "Filtering by shape");
        var input = sweep.AddImages("--input", "Input segmentation TIFF file(s).");
        var features = sweep.AddImages("--features", "Optional per-segment feature table(s) of the same image(s) (CSV/TSV/XLSX with index, area, perimeter, eccentricity, solidity, extent; 3D: volume, surface_area, solidity, extent), paired with --input; by default the features are measured as regionprops does.", required: false);
        var minArea = new Option<string>("--min-area") { Description = "median, median_div2, none, a percentile 0-100, an area above 100, or '<n>px'.", DefaultValueFactory = _ => Shape.MinArea.ToString() };
        var minAbsolute = new Option<double?>("--min-absolute-area") { Description = "Hard minimum area ('none' is not accepted, use 0).", DefaultValueFactory = _ => Shape.MinAbsoluteArea };
        var maxArea = Limit("--max-area", "Maximum area.");
        var maxEcc = Limit("--max-eccentricity", "Maximum eccentricity (2D only).");
        var minSol = Limit("--min-solidity", "Minimum solidity.");
        var maxSol = Limit("--max-solidity", "Maximum solidity.");
        var minExt = Limit("--min-extent", "Minimum extent.");
        var maxExt = Limit("--max-extent", "Maximum extent.");
        var minComp = Limit("--min-compactness", "Minimum compactness 4*pi*A/P^2 (3D: 36*pi*V^2/S^3).");
        var maxDeficit = new Option<double?>("--max-convexity-deficit") { Description = "Maximum convexity deficit 1 - solidity.", DefaultValueFactory = _ => Shape.MaxConvexityDeficit };
        var maxRatio = Limit("--max-perimeter-area-ratio", "Maximum perimeter/sqrt(area) (3D: S/V^(2/3)).");
        var areaStd = Limit("--area-std-filter", "Reject areas beyond this many standard deviations from the mean.");
        var report = new Option<bool>("--report") { Description = "Also write the rejected segments and their reasons to <output>_rejections.csv." };
        foreach (var o in new Option[] { minArea, minAbsolute, maxArea, maxEcc, minSol, maxSol, minExt, maxExt, minComp, maxDeficit, maxRatio, areaStd, report })
            command.Add(o);
        sweep.TransformWith((file, output, write, ct) =>
        {
            var options = new ShapeFilterOptions
            {
                MinArea = file.Value(minArea) is { } area ? AreaThreshold.Parse(area) : Shape.MinArea,
                MinAbsoluteArea = file.Value(minAbsolute),
                MaxArea = file.Value(maxArea),
                MaxEccentricity = file.Value(maxEcc),
                MinSolidity = file.Value(minSol),
                MaxSolidity = file.Value(maxSol),
                MinExtent = file.Value(minExt),
                MaxExtent = file.Value(maxExt),
                MinCompactness = file.Value(minComp),
                MaxConvexityDeficit = file.Value(maxDeficit),
                MaxPerimeterAreaRatio = file.Value(maxRatio),
                AreaStdFilter = file.Value(areaStd),
            };
            var result = PostprocessFile.ShapeFilter(file[input]!, file[features], output, options, write, ct);
            if (file.Value(report)) TableFile.Write(OutputNaming.WithSuffix(output, "_rejections", ".csv"), result.Report!.Rejections, write.Overwrite);
            Summarise(result);
        });
        return command;
    }

    public static Command MatchMasks()
    {
        var command = new Command("match-masks", "Match nucleus and cytosol masks: keep cells with exactly one nucleus covered to --filtering-threshold, give each pair the same id.");
        var sweep = new FileSweep(command, "Matching masks");
        var cytosol = sweep.AddImages("--cytosol", "Cytosol (cell) segmentation TIFF file(s); --output receives the matched cytosol mask.");
        var nuclei = sweep.AddImages("--nuclei", "Nucleus segmentation TIFF file(s), paired with --cytosol.");
        var nucleiOutput = new Option<string?>("--nuclei-output") { Description = "Output for the matched nucleus mask (default: the cytosol output's name with suffix _nuclei)." };
        var threshold = new Option<double>("--filtering-threshold") { Description = "Fraction of a nucleus that must lie in one cytosol.", DefaultValueFactory = _ => MaskMatchingOptions.Default.OverlapThreshold };
        var nMin = Limit("--nucleus-min-size", "Minimum nucleus size in voxels.");
        var nMax = Limit("--nucleus-max-size", "Maximum nucleus size in voxels.");
        var cMin = Limit("--cytosol-min-size", "Minimum cytosol size in voxels.");
        var cMax = Limit("--cytosol-max-size", "Maximum cytosol size in voxels.");
        var report = new Option<bool>("--report") { Description = "Also write the dropped masks and their reasons to <output>_rejections.csv." };
        foreach (var o in new Option[] { nucleiOutput, threshold, nMin, nMax, cMin, cMax, report })
            command.Add(o);
        command.Validators.Add(r =>
        {
            var given = r.GetValue(cytosol) ?? [];
            if (r.GetResult(nucleiOutput) is { Implicit: false } && (given.Length > 1 || given.Any(FileGlob.HasWildcards)))
                r.AddError("--nuclei-output names one file; for several inputs the nucleus outputs are named from the cytosol outputs (suffix _nuclei).");
        });
        sweep.TransformWith((file, output, write, ct) =>
        {
            var options = new MaskMatchingOptions
            {
                OverlapThreshold = file.Value(threshold),
                NucleusMinSize = file.Value(nMin),
                NucleusMaxSize = file.Value(nMax),
                CytosolMinSize = file.Value(cMin),
                CytosolMaxSize = file.Value(cMax),
            };
            var nucleusOut = file.Value(nucleiOutput) ?? OutputNaming.WithSuffix(output, "_nuclei");
            var result = PostprocessFile.MatchMasks(file[nuclei]!, file[cytosol]!, nucleusOut, output, options, write, ct);
            if (file.Value(report)) TableFile.Write(OutputNaming.WithSuffix(output, "_rejections", ".csv"), result.Report!.Rejections, write.Overwrite);
            Summarise(result);
        });
        return command;
    }

    private static Option<double?> Limit(string name, string description) => new(name) { Description = description };


    /// <summary>One line per file on stdout: what was read, what was written, segments before and after.</summary>
    private static void Summarise(PostprocessFileResult result)
    {
        var context = CliContext.Get();
        var line = $"{result.InputPath} -> {result.OutputPath}: {result.SegmentsBefore} -> {result.SegmentsAfter} segments";
        if (result.SecondOutputPath is not null) line += $" (paired {result.SecondInputPath} -> {result.SecondOutputPath})";
        if (result.Report is { } report && report.CountsByReason.Count > 0)
            line += "; rejected " + string.Join(", ", report.CountsByReason.Select(p => $"{p.Key} {p.Value.ToString(CultureInfo.InvariantCulture)}"));
        lock (context.Output) context.Output.WriteLine(line);
    }
}
