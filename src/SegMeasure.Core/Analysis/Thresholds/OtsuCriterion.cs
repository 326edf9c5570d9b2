namespace SegMeasure.Core.Analysis.Thresholds;

/// <summary>
/// Otsu's criterion (Otsu 1979) on a histogram, as scikit-image's <c>threshold_otsu</c> evaluates
/// it: for every split between bin i and i + 1, the between-class variance
/// w₁·w₂·(μ₁ − μ₂)² from cumulative weights and means taken from both ends; the split with the
/// largest one wins, the first on ties and a NaN as soon as it appears, as numpy's argmax does.
/// Column thresholds, colocalization thresholds and segmentation all threshold through here.
/// </summary>
internal static class OtsuCriterion
{
    /// <summary>The centre of the bin that ends the lower class at the best split.</summary>
    public static double BestCenter(IReadOnlyList<double> counts, IReadOnlyList<double> centers)
    {
        int n = counts.Count;
        if (n < 2) return centers[0];
        var weightBelow = new double[n];
        var meanBelow = new double[n];
        double w = 0, m = 0;
        for (int i = 0; i < n; i++)
        {
            w += counts[i];
            m += counts[i] * centers[i];
            weightBelow[i] = w;
            meanBelow[i] = m / w;
        }

        var weightAbove = new double[n];
        var meanAbove = new double[n];
        w = 0;
        m = 0;
        for (int i = n - 1; i >= 0; i--)
        {
            w += counts[i];
            m += counts[i] * centers[i];
            weightAbove[i] = w;
            meanAbove[i] = m / w;
        }

        int best = 0;
        double bestVariance = double.NegativeInfinity;
        for (int i = 0; i < n - 1; i++)
        {
            double d = meanBelow[i] - meanAbove[i + 1];
            double variance = weightBelow[i] * weightAbove[i + 1] * (d * d);
            if (double.IsNaN(variance)) return centers[i];
            if (variance > bestVariance)
            {
                bestVariance = variance;
                best = i;
            }
        }

        return centers[best];
    }
}
