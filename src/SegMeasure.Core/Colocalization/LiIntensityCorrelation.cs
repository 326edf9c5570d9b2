namespace SegMeasure.Core.Colocalization;

/// <summary>
/// Li's intensity correlation quotient (Li et al. 2004): the fraction of pixels whose product of
/// deviations from the channel means is positive, minus 0.5. Pixels whose product is exactly
/// zero are left out of both counts, as ImageJ's Coloc 2 does and the spec says.
/// </summary>
internal static class LiIntensityCorrelation
{
    public static double Icq(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double meanA, double meanB)
    {
        long positive = 0, nonZero = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double product = (a[i] - meanA) * (b[i] - meanB);
            if (product != 0) nonZero++;
            if (product > 0) positive++;
        }

        return nonZero == 0 ? double.NaN : (double)positive / nonZero - 0.5;
    }
}
