namespace SegMeasure.Core.Colocalization;

/// <summary>Pearson's coefficient of paired samples, centred on their means first (two passes) for accuracy.</summary>
internal static class SampleCorrelation
{
    /// <summary>NaN for fewer than two samples or a constant side.</summary>
    public static double Pearson(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int n = a.Length;
        if (n < 2) return double.NaN;
        double sumA = 0, sumB = 0;
        for (int i = 0; i < n; i++)
        {
            sumA += a[i];
            sumB += b[i];
        }

        double meanA = sumA / n, meanB = sumB / n;
        double aa = 0, bb = 0, ab = 0;
        for (int i = 0; i < n; i++)
        {
            double da = a[i] - meanA, db = b[i] - meanB;
            aa += da * da;
            bb += db * db;
            ab += da * db;
        }

        return FromCentredSums(aa, bb, ab);
    }

    /// <summary>Σab / (√Σaa · √Σbb) of centred sums, clipped to [−1, 1]; NaN when a side has no spread.</summary>
    public static double FromCentredSums(double aa, double bb, double ab)
    {
        if (aa <= 0 || bb <= 0) return double.NaN;
        double r = ab / Math.Sqrt(aa) / Math.Sqrt(bb);
        return Math.Clamp(r, -1.0, 1.0);
    }
}
