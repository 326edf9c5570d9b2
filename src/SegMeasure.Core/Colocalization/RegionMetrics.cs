namespace SegMeasure.Core.Colocalization;

/// <summary>The metrics of one region, from its sums (Pearson, overlap) and its own pixels (ranks, ICQ, thresholds, Manders).</summary>
internal static class RegionMetrics
{
    public static RegionRow Compute(in RegionSums sums, ReadOnlySpan<double> a, ReadOnlySpan<double> b, bool integerSamples,
        HashSet<ColocalizationMetric> metrics, ColocalizationOptions options)
    {
        var row = new RegionRow { Pixels = sums.Count };
        bool degenerate = sums.Degenerate;
        if (metrics.Contains(ColocalizationMetric.Pcc) && !degenerate)
        {
            row.Pcc = sums.Count == 2
                ? Math.Sign(sums.CentredAB) // two points: exactly ±1, as scipy reports
                : SampleCorrelation.FromCentredSums(sums.CentredAA, sums.CentredBB, sums.CentredAB);
            row.PccPValue = CorrelationPValues.Pearson(row.Pcc, sums.Count);
        }

        if (metrics.Contains(ColocalizationMetric.Srcc) && !degenerate)
        {
            row.Srcc = RankCorrelation.Spearman(a, b, integerSamples);
            row.SrccPValue = CorrelationPValues.Spearman(row.Srcc, sums.Count);
        }

        if (metrics.Contains(ColocalizationMetric.Icq) && !degenerate)
            row.Icq = LiIntensityCorrelation.Icq(a, b, sums.MeanA, sums.MeanB);

        if (metrics.Contains(ColocalizationMetric.Overlap))
            (row.Overlap, row.K1, row.K2) = MandersCoefficients.Overlap(sums);

        if (metrics.Contains(ColocalizationMetric.Mcc))
        {
            (row.ThresholdA, row.ThresholdB) = options.ThresholdMethod switch
            {
                ColocalizationThresholdMethod.Manual => (options.ThresholdA!.Value, options.ThresholdB!.Value),
                ColocalizationThresholdMethod.Costes => CostesThreshold.Find(a, b, sums, options.CostesMaxIterations, options.CostesStopStep),
                var method => (AutoThresholds.Of(method, a, integerSamples), AutoThresholds.Of(method, b, integerSamples)),
            };
            (row.M1, row.M2) = MandersCoefficients.Of(a, b, row.ThresholdA, row.ThresholdB, sums);
        }

        return row;
    }
}
