using SegMeasure.Core.Postprocessing;

namespace SegMeasure.Core.Measurement;

/// <summary>How the 2D perimeter is measured when pixels are not square.</summary>
public enum PerimeterMethod
{
    /// <summary>
    /// The reference tool's value: the Crofton perimeter (4 directions) of the object in pixel
    /// units, multiplied by √(sy·sx). Exact for square pixels; for anisotropic pixels it is a
    /// single-factor approximation (a horizontal edge of n pixels counts n·√(sy·sx) instead of n·sx).
    /// </summary>
    Reference,

    /// <summary>
    /// The Crofton perimeter with the physical pixel geometry: intercept counts along the four
    /// lattice directions are weighted by the physical spacing of their lines and by the angular
    /// sector each direction represents for the actual pixel aspect (MorphoLibJ's approach).
    /// Equal to <see cref="Reference"/> for square pixels.
    /// </summary>
    Exact,
}

/// <summary>Options of <see cref="MorphologyMeasurement"/>. The defaults give exactly the reference tool's table.</summary>
public sealed record MorphologyOptions
{
    /// <summary>The defaults, which the command line and the cmdlets take rather than restate.</summary>
    public static MorphologyOptions Default { get; } = new();

    /// <summary>
    /// Physical voxel size: one value for every axis, (Y, X) for 2D or (Z, Y, X) for 3D.
    /// Null uses the label image's own voxel size (1.0 for uncalibrated images).
    /// </summary>
    public double[]? Scale { get; init; }

    /// <summary>
    /// Adds shape columns beyond the reference: <c>eccentricity</c> and <c>orientation</c> (2D),
    /// <c>extent</c>, <c>bbox_min_*</c>/<c>bbox_max_*</c> (voxel indices, max exclusive, as
    /// scikit-image's bbox), <c>feret_diameter_max</c>, <c>euler_number</c> (8-connectivity in 2D, 26 in 3D),
    /// <c>compactness</c> (Polsby–Popper 4πA/P² in 2D, 36πV²/S³ in 3D: 1 for a disc/ball, smaller otherwise),
    /// <c>convexity_deficit</c> (1 − solidity) and <c>perimeter_over_sqrt_area</c> (2D).
    /// </summary>
    public bool IncludeShapeExtras { get; init; }

    /// <summary>How the 2D perimeter treats anisotropic pixels; <see cref="PerimeterMethod.Reference"/> by default.</summary>
    public PerimeterMethod PerimeterMethod { get; init; } = PerimeterMethod.Reference;

    /// <summary>
    /// Memory the measurement may take: a TIFF whose in-memory working set would exceed it is measured
    /// band by band from the file (same table, memory for one band per core plus per-label state).
    /// Default: half of the memory available to the process, as for the whole-image steps.
    /// </summary>
    public WholeImageLimit MemoryLimit { get; init; } = WholeImageLimit.Default;

    /// <summary>Tests: true reads files band by band whatever their size, false never; null decides by <see cref="MemoryLimit"/>.</summary>
    internal bool? Streaming { get; init; }

    /// <summary>Tests: rows per stripe of a band-by-band pass (0: one stripe per core).</summary>
    internal int StripeRows { get; init; }
}
