namespace SegMeasure.Core.Segmentation;

/// <summary>Parameters of the weight-free classical method; the defaults every front end shows.</summary>
public sealed record ClassicalSegmentationOptions
{
    /// <summary>Gaussian smoothing sigma in pixels (0 = none).</summary>
    public double Sigma { get; init; } = 1.0;

    /// <summary>Expected object diameter in pixels: distance peaks closer than about this merge into one seed.</summary>
    public double Diameter { get; init; } = 12;

    /// <summary>Objects of fewer pixels are removed.</summary>
    public int MinSize { get; init; } = 15;

    private static SegMeasureException Invalid(string message) => new("SegMeasure.InvalidArgument", ErrorKind.InvalidArgument, message);

    internal void Validate()
    {
        if (!(Sigma >= 0) || Sigma > 30) throw Invalid($"sigma must be between 0 and 30 pixels (got {Sigma})");
        if (!(Diameter >= 1) || double.IsInfinity(Diameter)) throw Invalid($"the diameter must be at least 1 pixel (got {Diameter})");
        if (MinSize < 0) throw Invalid($"min_size must be ≥ 0 (got {MinSize})");
    }
}
