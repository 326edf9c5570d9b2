using SegMeasure.Core.Images;
using SegMeasure.Core.Postprocessing;

namespace SegMeasure.Core.Measurement;

/// <summary>Which cells a nucleus counts for.</summary>
public enum NucleusAssignment
{
    /// <summary>The reference's rule: a nucleus counts for every cell it overlaps by at least one voxel.</summary>
    AnyOverlap,

    /// <summary>A nucleus counts only for the cell it overlaps most (ties go to the smaller cell id).</summary>
    LargestOverlap,
}

/// <summary>Options of <see cref="CellNucleusMeasurement"/>. The defaults give exactly the reference tool's table.</summary>
public sealed record CellNucleusOptions
{
    /// <summary>The defaults, which the command line and the cmdlets take rather than restate.</summary>
    public static CellNucleusOptions Default { get; } = new();

    /// <summary>Physical voxel size: one value, (Y, X) or (Z, Y, X). Null uses the cell image's voxel size.</summary>
    public double[]? Scale { get; init; }

    /// <summary>When set, cytoplasm and nucleus intensity statistics and their ratios are added (every channel).</summary>
    public IntensityImage? Intensity { get; init; }

    /// <summary>How nuclei are assigned to cells; <see cref="NucleusAssignment.AnyOverlap"/> as in the reference.</summary>
    public NucleusAssignment Assignment { get; init; } = NucleusAssignment.AnyOverlap;

    /// <summary>
    /// A nucleus counts for a cell only when at least this fraction of all its voxels lies in the
    /// cell (0 = any overlap). Combines with <see cref="Assignment"/>.
    /// </summary>
    public double MinimumOverlapFraction { get; init; }

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
