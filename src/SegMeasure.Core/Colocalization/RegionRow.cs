namespace SegMeasure.Core.Colocalization;

/// <summary>One row of the spec's COLUMNS while it is being filled; metrics not computed stay NaN.</summary>
internal sealed class RegionRow
{
    public long Region;
    public int? Slice;
    public string ChannelA = "";
    public string ChannelB = "";
    public long Pixels;
    public double Pcc = double.NaN, PccPValue = double.NaN;
    public double Srcc = double.NaN, SrccPValue = double.NaN;
    public double Icq = double.NaN;
    public double Overlap = double.NaN, K1 = double.NaN, K2 = double.NaN;
    public double M1 = double.NaN, M2 = double.NaN, ThresholdA = double.NaN, ThresholdB = double.NaN;
    public string? Warning;

    /// <summary>True when a requested metric's value came out NaN (the spec's test for a per-region warning).</summary>
    public bool HasUncomputed(IReadOnlyCollection<ColocalizationMetric> metrics) =>
        (metrics.Contains(ColocalizationMetric.Pcc) && double.IsNaN(Pcc))
        || (metrics.Contains(ColocalizationMetric.Srcc) && double.IsNaN(Srcc))
        || (metrics.Contains(ColocalizationMetric.Icq) && double.IsNaN(Icq))
        || (metrics.Contains(ColocalizationMetric.Overlap) && (double.IsNaN(Overlap) || double.IsNaN(K1) || double.IsNaN(K2)))
        || (metrics.Contains(ColocalizationMetric.Mcc) && (double.IsNaN(M1) || double.IsNaN(M2)));
}
