namespace SegMeasure.Core.Segmentation.Cellpose;

/// <summary>
/// How flows become masks (Cellpose's compute_masks parameters). The defaults are Cellpose's and
/// are the ones the CLI and the cmdlet show.
/// </summary>
public sealed record CellposeMaskOptions
{
    /// <summary>Pixels whose cell probability (logit) is above this follow the flows.</summary>
    public double CellProbabilityThreshold { get; init; } = 0.0;

    /// <summary>Masks whose flow error (mean squared difference) exceeds this are removed; 0 turns the check off.</summary>
    public double FlowThreshold { get; init; } = 0.4;

    /// <summary>Masks with fewer pixels are removed (after hole filling); 0 or less keeps all.</summary>
    public int MinSize { get; init; } = 15;

    /// <summary>Euler steps of flow following; null = Cellpose's 200 at the network's scale (200 / rescale at the image's).</summary>
    public int? Iterations { get; init; }

    /// <summary>Masks covering more than this fraction of the image are removed.</summary>
    public double MaxSizeFraction { get; init; } = 0.4;

    internal void Validate()
    {
        if (double.IsNaN(CellProbabilityThreshold) || double.IsInfinity(CellProbabilityThreshold))
            throw Invalid($"the cell probability threshold must be a finite number (got {CellProbabilityThreshold})");
        if (!(FlowThreshold >= 0) || double.IsInfinity(FlowThreshold)) throw Invalid($"the flow threshold must be ≥ 0 (got {FlowThreshold})");
        if (Iterations is < 1) throw Invalid($"the number of flow iterations must be ≥ 1 (got {Iterations})");
        if (!(MaxSizeFraction > 0 && MaxSizeFraction <= 1)) throw Invalid($"the largest mask fraction must be in (0, 1] (got {MaxSizeFraction})");
    }

    private static SegMeasureException Invalid(string message) => new("SegMeasure.InvalidArgument", ErrorKind.InvalidArgument, message);
}
