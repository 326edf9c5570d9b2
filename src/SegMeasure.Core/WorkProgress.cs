namespace SegMeasure.Core;

/// <summary>Progress reported by long core operations through <see cref="IProgress{T}"/>;
/// front ends turn it into Write-Progress or a terminal bar. <paramref name="Total"/> is 0 when unknown.</summary>
public readonly record struct WorkProgress(string Activity, long Done, long Total)
{
    public double Fraction => Total > 0 ? Math.Clamp((double)Done / Total, 0, 1) : 0;
}
