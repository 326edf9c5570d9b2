namespace SegMeasure.Core.Colocalization;

/// <summary>Why a region's requested metric is NaN, in words a user can act on (the spec's per-region warnings).</summary>
internal static class RegionWarning
{
    public static string Describe(RegionRow row, in RegionSums sums, IReadOnlyCollection<ColocalizationMetric> metrics)
    {
        string where = row.Slice is null ? $"region {row.Region}" : $"region {row.Region}, slice {row.Slice}";
        return $"{where} ({row.ChannelA} vs {row.ChannelB}): {Reason(row, sums, metrics)}";
    }

    private static string Reason(RegionRow row, in RegionSums sums, IReadOnlyCollection<ColocalizationMetric> metrics)
    {
        if (sums.Count < 2) return "fewer than 2 pixels";
        var parts = new List<string>();
        if (sums.ConstantA) parts.Add(sums.SumA == 0 ? $"channel '{row.ChannelA}' has no signal" : $"channel '{row.ChannelA}' is constant");
        if (sums.ConstantB) parts.Add(sums.SumB == 0 ? $"channel '{row.ChannelB}' has no signal" : $"channel '{row.ChannelB}' is constant");
        if (parts.Count > 0) return string.Join("; ", parts);
        // Both channels vary, so an unfitted threshold is the remaining known cause: M1/M2 are unmeasured, not zero.
        if (metrics.Contains(ColocalizationMetric.Mcc) && !(double.IsFinite(row.ThresholdA) && double.IsFinite(row.ThresholdB)))
            return "no Manders threshold could be determined (try a different threshold method)";
        return "metric undefined for this region";
    }
}
