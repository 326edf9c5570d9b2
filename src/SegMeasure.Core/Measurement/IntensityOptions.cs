namespace SegMeasure.Core.Measurement;

/// <summary>Options of <see cref="IntensityMeasurement"/>. The defaults give exactly the reference tool's table.</summary>
public sealed record IntensityOptions
{
    /// <summary>Adds <c>sum_intensity</c> (the integrated intensity) after <c>mean_intensity</c>.</summary>
    public bool IncludeSum { get; init; }
}
