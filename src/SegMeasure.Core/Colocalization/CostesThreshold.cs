namespace SegMeasure.Core.Colocalization;

/// <summary>
/// Costes' automatic threshold (Costes et al. 2004, as Fiji's Coloc 2 AutoThresholdRegression):
/// thresholds move together along the orthogonal regression line, bisecting towards the point
/// where the pixels below threshold (a &lt; Ta or b &lt; Tb) stop correlating.
/// </summary>
internal static class CostesThreshold
{
    /// <summary>
    /// Thresholds (Ta, Tb), each clamped to its channel's range; NaN, NaN when none can be
    /// fitted: fewer than two pixels, a constant channel, or a slope that is not positive.
    /// </summary>
    /// <remarks>At most <c>maxIterations</c> bisection steps; the search ends once the step falls below <c>stopStep</c> intensity units.</remarks>
    public static (double A, double B) Find(ReadOnlySpan<double> a, ReadOnlySpan<double> b, in RegionSums sums, int maxIterations, double stopStep)
    {
        if (sums.Degenerate) return (double.NaN, double.NaN);
        var line = CostesRegression.Of(sums);
        double slope = line.Slope, intercept = line.Intercept;
        if (!double.IsFinite(slope) || slope <= 0) return (double.NaN, double.NaN);

        double minA = sums.MinA, maxA = sums.MaxA, minB = sums.MinB, maxB = sums.MaxB;
        // Step the channel that resolves the line more finely: A when the line is shallow, else B.
        bool stepA = Math.Abs(slope) < 1;
        (double A, double B) Map(double value)
        {
            if (stepA)
            {
                double ta = Math.Clamp(value, minA, maxA);
                return (ta, Math.Clamp(slope * ta + intercept, minB, maxB));
            }

            double tb = Math.Clamp(value, minB, maxB);
            return (Math.Clamp((tb - intercept) / slope, minA, maxA), tb);
        }

        double upper = stepA ? maxA : maxB;
        double threshold = stepA ? 0.5 * (maxA + minA) : 0.5 * (maxB + minB);
        double step = Math.Abs(upper - threshold);
        for (int iteration = 0; iteration < maxIterations && step >= stopStep; iteration++)
        {
            var (ta, tb) = Map(threshold);
            double r = BelowThresholdPearson(a, b, ta, tb);
            step *= 0.5;
            // Background still correlating: the threshold is too high, step down; otherwise up.
            if (r > 0) threshold -= step;
            else threshold += step;
        }

        return Map(threshold);
    }

    /// <summary>PCC of the pixels below either threshold, in one pass (sums about the first such pixel keep it accurate).</summary>
    private static double BelowThresholdPearson(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double ta, double tb)
    {
        var below = new RegionSums();
        for (int i = 0; i < a.Length; i++)
            if (a[i] < ta || b[i] < tb) below.Add(a[i], b[i]);
        if (below.Degenerate) return double.NaN;
        return SampleCorrelation.FromCentredSums(below.CentredAA, below.CentredBB, below.CentredAB);
    }
}
