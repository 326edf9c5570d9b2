namespace SegMeasure.Core.Postprocessing;

/// <summary>
/// Criteria of the shape filter (<c>filter_cell_by_regionprops</c>), with its defaults: min
/// area half the median, min absolute area 50, max convexity deficit 0.20; everything else
/// off (null). A segment is rejected when a value lies strictly beyond a limit.
/// </summary>
public sealed record ShapeFilterOptions
{
    /// <summary>The defaults, which the command line and the cmdlets take rather than restate.</summary>
    public static ShapeFilterOptions Default { get; } = new();

    public double? MaxEccentricity { get; init; }
    public AreaThreshold MinArea { get; init; } = AreaThreshold.HalfMedian;
    public double? MinAbsoluteArea { get; init; } = 50;
    public double? MaxArea { get; init; }
    public double? MinSolidity { get; init; }
    public double? MaxSolidity { get; init; }
    public double? MinExtent { get; init; }
    public double? MaxExtent { get; init; }

    /// <summary>Polsby–Popper 4πA/P² in 2D; 36πV²/S³ in 3D (1 for a disc or a ball).</summary>
    public double? MinCompactness { get; init; }

    /// <summary>1 − solidity.</summary>
    public double? MaxConvexityDeficit { get; init; } = 0.20;

    /// <summary>P/√A in 2D; S/V^(2/3) in 3D.</summary>
    public double? MaxPerimeterAreaRatio { get; init; }

    /// <summary>Reject areas farther than this many (population) standard deviations from the mean.</summary>
    public double? AreaStdFilter { get; init; }
}
