namespace SegMeasure.Core.Segmentation.Cellpose;

/// <summary>
/// Parameters of the Cellpose method (the model file itself is <see cref="SegmentationOptions.ModelPath"/>).
/// The defaults are Cellpose's and are the ones the CLI and the cmdlet show.
/// </summary>
public sealed record CellposeOptions
{
    /// <summary>Expected object diameter in pixels; the image is rescaled by the model's diam_mean / diameter. Null = no rescaling.</summary>
    public double? Diameter { get; init; }

    /// <summary>Cellpose's size model as JSON (A, smean, ymean, diam_mean): without a <see cref="Diameter"/>, the
    /// diameter is estimated from the image as Cellpose's size model does. Needs a model with a style output.</summary>
    public string? SizeModelPath { get; init; }

    /// <summary>How flows become masks.</summary>
    public CellposeMaskOptions Masks { get; init; } = new();

    /// <summary>Write the flows and cell probability beside the mask (<c>*_flows.tif</c>) for recomputing masks later.</summary>
    public bool SaveFlows { get; init; }

    /// <summary>Try ONNX Runtime's CUDA provider; without it the CPU is used with a warning.</summary>
    public bool UseGpu { get; init; }

    /// <summary>Fraction of a tile that neighbouring tiles overlap (Cellpose's tile_overlap; at least 0.05).</summary>
    public double TileOverlap { get; init; } = 0.1;

    /// <summary>Tiles per network call.</summary>
    public int BatchSize { get; init; } = 8;

    /// <summary>
    /// The options a front end asked for: what the user gave, Cellpose's defaults for the rest
    /// (a null diameter means no rescaling, a null min_size Cellpose's 15, a null niter Cellpose's 200 / rescale).
    /// </summary>
    public static CellposeOptions Requested(double? diameter, double cellProbabilityThreshold, double flowThreshold, int? minSize, bool saveFlows, bool useGpu,
        int? iterations = null, string? sizeModelPath = null)
    {
        var defaults = new CellposeOptions();
        return defaults with
        {
            Diameter = diameter ?? defaults.Diameter,
            SizeModelPath = sizeModelPath,
            SaveFlows = saveFlows,
            UseGpu = useGpu,
            Masks = defaults.Masks with
            {
                CellProbabilityThreshold = cellProbabilityThreshold,
                FlowThreshold = flowThreshold,
                MinSize = minSize ?? defaults.Masks.MinSize,
                Iterations = iterations ?? defaults.Masks.Iterations,
            },
        };
    }

    internal void Validate()
    {
        if (Diameter is { } d && !(d > 0 && !double.IsInfinity(d)))
            throw Invalid($"the diameter must be a positive number of pixels (got {d})");
        if (!(TileOverlap >= 0 && TileOverlap <= 0.5)) throw Invalid($"the tile overlap must be in [0, 0.5] (got {TileOverlap})");
        if (BatchSize < 1) throw Invalid($"the batch size must be ≥ 1 (got {BatchSize})");
        Masks.Validate();
    }

    private static SegMeasureException Invalid(string message) => new("SegMeasure.InvalidArgument", ErrorKind.InvalidArgument, message);
}
