namespace SegMeasure.Core.Colocalization;

/// <summary>
/// Manders' coefficients (Manders et al. 1993). M1: the share of channel A's intensity in pixels
/// where B is above its threshold; M2 the same for B where A is above its threshold. Undefined
/// (NaN) without a finite threshold, with no intensity, or with negative intensities.
/// </summary>
internal static class MandersCoefficients
{
    public static (double M1, double M2) Of(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double thresholdA, double thresholdB,
        in RegionSums sums)
    {
        if (sums.Count == 0) return (double.NaN, double.NaN);
        double aWhereB = 0, bWhereA = 0;
        for (int i = 0; i < a.Length; i++)
        {
            if (b[i] > thresholdB) aWhereB += a[i];
            if (a[i] > thresholdA) bWhereA += b[i];
        }

        double m1 = double.IsFinite(thresholdB) && sums.SumA > 0 && sums.MinA >= 0 ? aWhereB / sums.SumA : double.NaN;
        double m2 = double.IsFinite(thresholdA) && sums.SumB > 0 && sums.MinB >= 0 ? bWhereA / sums.SumB : double.NaN;
        return (m1, m2);
    }

    /// <summary>
    /// The overlap coefficient r = Σab / √(Σa²·Σb²) and the split coefficients k1 = Σab/Σa²,
    /// k2 = Σab/Σb² (Manders et al. 1992/1993); NaN for negative intensities or a zero denominator.
    /// </summary>
    public static (double R, double K1, double K2) Overlap(in RegionSums sums)
    {
        if (sums.Count == 0 || sums.MinA < 0 || sums.MinB < 0) return (double.NaN, double.NaN, double.NaN);
        double aa = sums.SumAA, bb = sums.SumBB, ab = sums.SumAB;
        double r = aa > 0 && bb > 0 ? ab / Math.Sqrt(aa * bb) : double.NaN;
        double k1 = aa > 0 ? ab / aa : double.NaN;
        double k2 = bb > 0 ? ab / bb : double.NaN;
        return (r, k1, k2);
    }
}
