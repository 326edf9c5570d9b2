using SegMeasure.Core.Postprocessing;

namespace SegMeasure.Core.Measurement;

/// <summary>Options of <see cref="IntensityMeasurement"/>. The defaults give exactly the reference tool's table.</summary>
public sealed record IntensityOptions
{
    /// <summary>Adds <c>sum_intensity</c> (the integrated intensity) after <c>mean_intensity</c>.</summary>
    public bool IncludeSum { get; init; }

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
