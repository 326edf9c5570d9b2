using System.CommandLine;
using SegMeasure.Cli.Sweeps;
using SegMeasure.Core.Measurement;
using SegMeasure.Core.Postprocessing;

namespace SegMeasure.Cli.Commands;

/// <summary>
/// <c>segmeasure measure intensities|morphology|cell-nucleus</c>: the reference tool's flags
/// (<c>--segmentation</c>, <c>--intensity</c>, <c>--output</c>, <c>--scale</c>,
/// <c>--cell-segmentation</c>, <c>--nucleus-segmentation</c>), each image option also taking
/// globs for folder sweeps; the table format follows the output extension.
/// </summary>
public static class MeasureCommands
{
    public static Command Intensities()
    {
        var command = new Command("intensities", "Per-segment intensity statistics: mean, median, max, min, std and 10/25/75/90th percentiles.");
        var sweep = new FileSweep(command, "Measuring intensities");
        var segmentation = sweep.AddImages("--segmentation", "Segmentation TIFF file(s) (integer labels).");
        var intensity = sweep.AddImages("--intensity", "Intensity TIFF file(s) of the same shape, paired with --segmentation; every channel is measured.");
        var sum = new Option<bool>("--sum") { Description = "Also report sum_intensity (integrated intensity)." };
        var memory = MemoryLimit();
        command.Add(sum);
        command.Add(memory);
        sweep.MeasureWith((file, ct) => MeasurementFiles.Intensity(file[segmentation]!, file[intensity]!,
            new IntensityOptions { IncludeSum = file.Value(sum), MemoryLimit = WholeImageLimit.FromGigabytes(file.Value(memory)) }, null, ct));
        return command;
    }

    public static Command Morphology()
    {
        var command = new Command("morphology", "Per-segment shape descriptors in physical units (2D: area, perimeter, …; 3D: volume, surface area, …).");
        var sweep = new FileSweep(command, "Measuring morphology");
        var segmentation = sweep.AddImages("--segmentation", "Segmentation TIFF file(s) (integer labels).");
        var scale = CommonOptions.Scale();
        var extras = new Option<bool>("--shape-extras") { Description = "Add eccentricity, orientation, extent, bounding box, Feret diameter, Euler number, compactness, convexity deficit, perimeter/sqrt(area)." };
        var perimeter = new Option<PerimeterMethod>("--perimeter-method")
        {
            Description = "2D perimeter for anisotropic pixels: Reference (pixel Crofton x sqrt(sy*sx), as the reference tool) or Exact (Crofton with the physical pixel geometry).",
            DefaultValueFactory = _ => MorphologyOptions.Default.PerimeterMethod,
        };
        command.Add(scale);
        command.Add(extras);
        var memory = MemoryLimit();
        command.Add(perimeter);
        command.Add(memory);
        sweep.MeasureWith((file, ct) => MeasurementFiles.Morphology(file[segmentation]!, new MorphologyOptions
        {
            MemoryLimit = WholeImageLimit.FromGigabytes(file.Value(memory)),
            Scale = NullIfEmpty(file.Value(scale)),
            IncludeShapeExtras = file.Value(extras),
            PerimeterMethod = file.Value(perimeter),
        }, null, ct));
        return command;
    }

    public static Command CellNucleus()
    {
        var command = new Command("cell-nucleus", "Per-cell nucleus count, cell and nucleus size and their ratio; with --intensity, cytoplasm vs nucleus intensity statistics.");
        var sweep = new FileSweep(command, "Measuring cells and nuclei");
        var cells = sweep.AddImages("--cell-segmentation", "Cell segmentation TIFF file(s) (integer labels).");
        var nuclei = sweep.AddImages("--nucleus-segmentation", "Nucleus segmentation TIFF file(s) of the same shape, paired with --cell-segmentation.");
        var intensity = sweep.AddImages("--intensity", "Optional intensity TIFF file(s), paired with --cell-segmentation.", required: false);
        var scale = CommonOptions.Scale();
        var assignment = new Option<NucleusAssignment>("--assignment")
        {
            Description = "Which cells a nucleus counts for: AnyOverlap (as the reference tool) or LargestOverlap.",
            DefaultValueFactory = _ => CellNucleusOptions.Default.Assignment,
        };
        var fraction = new Option<double>("--min-overlap-fraction")
        {
            Description = "A nucleus counts for a cell only if at least this fraction of it lies inside.",
            DefaultValueFactory = _ => CellNucleusOptions.Default.MinimumOverlapFraction,
        };
        command.Add(scale);
        command.Add(assignment);
        var memory = MemoryLimit();
        command.Add(fraction);
        command.Add(memory);
        sweep.MeasureWith((file, ct) => MeasurementFiles.CellNucleus(file[cells]!, file[nuclei]!, file[intensity], new CellNucleusOptions
        {
            MemoryLimit = WholeImageLimit.FromGigabytes(file.Value(memory)),
            Scale = NullIfEmpty(file.Value(scale)),
            Assignment = file.Value(assignment),
            MinimumOverlapFraction = file.Value(fraction),
        }, null, ct));
        return command;
    }

    /// <summary><c>--memory-limit GB</c>: over it, a TIFF is measured band by band from the file instead of read whole.</summary>
    private static Option<double?> MemoryLimit() => new("--memory-limit")
    {
        Description = "Memory (GB) a measurement may take; a TIFF that would need more is measured band by band from the file (same table). Default: half of the memory available.",
    };

    private static double[]? NullIfEmpty(double[]? values) => values is { Length: > 0 } ? values : null;
}
