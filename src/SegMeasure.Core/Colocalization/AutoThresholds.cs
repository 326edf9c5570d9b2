using SegMeasure.Core.Analysis.Thresholds;

namespace SegMeasure.Core.Colocalization;

/// <summary>
/// Per-channel automatic thresholds with scikit-image's definitions (0.19): Otsu (1979), Li's
/// minimum cross entropy (Li &amp; Lee 1993, iterative form of Li &amp; Tam 1998), the triangle method
/// (Zack et al. 1977), Yen (1995), the mean, and ISODATA (Ridler &amp; Calvard 1978). Arithmetic
/// follows scikit-image's, single precision included (Yen, ISODATA), so ties break alike.
/// </summary>
internal static class AutoThresholds
{
    /// <summary>The threshold of one channel's region values; NaN for no values, a constant channel, or no defined threshold.</summary>
    public static double Of(ColocalizationThresholdMethod method, ReadOnlySpan<double> values, bool integerSamples)
    {
        if (values.Length == 0) return double.NaN;
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (v < min) min = v;
            if (v > max) max = v;
        }

        if (!(max > min)) return double.NaN;
        return method switch
        {
            ColocalizationThresholdMethod.Mean => Mean(values),
            ColocalizationThresholdMethod.Li => Li(values, min, integerSamples),
            ColocalizationThresholdMethod.Otsu => Otsu(IntensityHistogram.Of(values, integerSamples)),
            ColocalizationThresholdMethod.Triangle => Triangle(IntensityHistogram.Of(values, integerSamples)),
            ColocalizationThresholdMethod.Yen => Yen(IntensityHistogram.Of(values, integerSamples)),
            ColocalizationThresholdMethod.Isodata => Isodata(IntensityHistogram.Of(values, integerSamples)),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "not a per-channel automatic threshold method"),
        };
    }

    public static double Mean(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (var v in values) sum += v;
        return sum / values.Length;
    }

    /// <summary>The bin centre maximising the between-class variance w1·w2·(μ1 − μ2)².</summary>
    public static double Otsu(IntensityHistogram histogram) => OtsuCriterion.BestCenter(histogram.Counts, histogram.Centers);

    /// <summary>
    /// Li's iteration t ← (μb − μf) / (ln μb − ln μf) on the values shifted to start at zero, from
    /// the mean, until it moves less than the tolerance (half a unit for integers, else half the
    /// smallest gap between distinct values).
    /// </summary>
    public static double Li(ReadOnlySpan<double> values, double min, bool integerSamples)
    {
        double next = 0;
        foreach (var v in values) next += v - min;
        next /= values.Length;
        if (integerSamples)
        {
            var histogram = IntensityHistogram.Of(values, integerSamples: true);
            if (histogram.UnitBins)
            {
                var centers = histogram.Centers.Select(c => c - min).ToArray();
                var counts = histogram.Counts;
                const double unitTolerance = 0.5;
                double current = -2 * unitTolerance;
                while (Math.Abs(next - current) > unitTolerance)
                {
                    current = next;
                    double foreSum = 0, foreWeight = 0, backSum = 0, backWeight = 0;
                    for (int i = 0; i < centers.Length; i++)
                    {
                        if (centers[i] > current)
                        {
                            foreSum += centers[i] * counts[i];
                            foreWeight += counts[i];
                        }
                        else
                        {
                            backSum += centers[i] * counts[i];
                            backWeight += counts[i];
                        }
                    }

                    double fore = foreSum / foreWeight, back = backSum / backWeight;
                    next = (back - fore) / (Math.Log(back) - Math.Log(fore));
                    if (double.IsNaN(next)) return double.NaN;
                }

                return next + min;
            }
        }

        var shifted = new double[values.Length];
        for (int i = 0; i < values.Length; i++) shifted[i] = values[i] - min;
        var distinct = shifted.Distinct().Order().ToArray();
        double smallestGap = double.PositiveInfinity;
        for (int i = 1; i < distinct.Length; i++) smallestGap = Math.Min(smallestGap, distinct[i] - distinct[i - 1]);
        double tolerance = smallestGap / 2;
        double previous = -2 * tolerance;
        while (Math.Abs(next - previous) > tolerance)
        {
            previous = next;
            double foreSum = 0, backSum = 0;
            long foreCount = 0, backCount = 0;
            foreach (var v in shifted)
            {
                if (v > previous) { foreSum += v; foreCount++; }
                else { backSum += v; backCount++; }
            }

            double fore = foreSum / foreCount, back = backSum / backCount;
            next = (back - fore) / (Math.Log(back) - Math.Log(fore));
            if (double.IsNaN(next)) return double.NaN;
        }

        return next + min;
    }

    /// <summary>The level farthest below the line from the histogram's peak to its far end (on the longer tail).</summary>
    public static double Triangle(IntensityHistogram histogram)
    {
        var hist = histogram.Counts.ToArray();
        int bins = hist.Length;
        int peak = ArgMax(hist);
        double peakHeight = hist[peak];
        int low = Array.FindIndex(hist, c => c > 0);
        int high = Array.FindLastIndex(hist, c => c > 0);
        bool flip = peak - low < high - peak;
        if (flip)
        {
            Array.Reverse(hist);
            low = bins - high - 1;
            peak = bins - peak - 1;
        }

        int width = peak - low;
        if (width <= 0) return double.NaN; // scikit-image fails on an empty search range
        double norm = Math.Sqrt(peakHeight * peakHeight + (double)width * width);
        double height = peakHeight / norm, run = width / norm;
        var length = new double[width];
        for (int x = 0; x < width; x++) length[x] = height * x - run * hist[x + low];
        int level = ArgMax(length) + low;
        if (flip) level = bins - level - 1;
        return histogram.Centers[level];
    }

    /// <summary>Yen's maximum correlation criterion, in single precision as scikit-image computes it.</summary>
    public static double Yen(IntensityHistogram histogram)
    {
        var counts = histogram.Counts;
        int n = counts.Length;
        if (n == 1) return histogram.Centers[0];
        float total = (float)counts.Sum();
        var pmf = new float[n];
        for (int i = 0; i < n; i++) pmf[i] = (float)counts[i] / total;
        var p1 = new float[n];
        var p1Squared = new float[n];
        var p2Squared = new float[n];
        float s = 0, sq = 0;
        for (int i = 0; i < n; i++)
        {
            s += pmf[i];
            sq += pmf[i] * pmf[i];
            p1[i] = s;
            p1Squared[i] = sq;
        }

        sq = 0;
        for (int i = n - 1; i >= 0; i--)
        {
            sq += pmf[i] * pmf[i];
            p2Squared[i] = sq;
        }

        var criterion = new double[n - 1];
        for (int i = 0; i < n - 1; i++)
        {
            float inverse = 1f / (p1Squared[i] * p2Squared[i + 1]);
            float spread = p1[i] * (1f - p1[i]);
            criterion[i] = MathF.Log(inverse * (spread * spread));
        }

        return histogram.Centers[ArgMax(criterion)];
    }

    /// <summary>The first bin centre t with t ≤ (mean below t + mean above t)/2 &lt; t + bin width (Ridler &amp; Calvard).</summary>
    public static double Isodata(IntensityHistogram histogram)
    {
        var counts = histogram.Counts;
        var centers = histogram.Centers;
        int n = counts.Length;
        if (n == 1) return centers[0];
        var below = new float[n];
        float running = 0;
        for (int i = 0; i < n; i++)
        {
            running += (float)counts[i];
            below[i] = running;
        }

        var intensity = new double[n];
        double cumulative = 0;
        for (int i = 0; i < n; i++)
        {
            cumulative += (float)counts[i] * centers[i];
            intensity[i] = cumulative;
        }

        double width = centers[1] - centers[0];
        for (int i = 0; i < n - 1; i++)
        {
            float above = below[n - 1] - below[i];
            double lower = intensity[i] / below[i];
            double higher = (intensity[n - 1] - intensity[i]) / above;
            double distance = (lower + higher) / 2.0 - centers[i];
            if (distance >= 0 && distance < width) return centers[i];
        }

        return double.NaN;
    }

    /// <summary>numpy's argmax: the first maximum, or the first NaN when there is one.</summary>
    private static int ArgMax(double[] values)
    {
        int best = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if (double.IsNaN(values[i])) return i;
            if (values[i] > values[best]) best = i;
        }

        return best;
    }
}
