namespace SegMeasure.Core.Colocalization;

/// <summary>
/// The orthogonal (total least squares) regression line b = slope·a + intercept that Costes'
/// threshold search walks along (Costes et al. 2004; as Fiji's Coloc 2). Neither channel is the
/// independent variable, so the slope is the principal axis of the intensity covariance:
/// m = (σb² − σa² + √((σb² − σa²)² + 4σab²)) / (2σab), c = mean b − m·mean a.
/// </summary>
public readonly record struct CostesRegression(double Slope, double Intercept)
{
    /// <summary>NaN, NaN for fewer than two pixels, a constant channel or zero covariance.</summary>
    internal static CostesRegression Of(in RegionSums sums)
    {
        if (sums.Degenerate) return new(double.NaN, double.NaN);
        double n = sums.Count;
        double varA = sums.CentredAA / n, varB = sums.CentredBB / n, cov = sums.CentredAB / n;
        if (cov == 0) return new(double.NaN, double.NaN);
        double diff = varB - varA;
        double slope = (diff + Math.Sqrt(diff * diff + 4 * cov * cov)) / (2 * cov);
        return new(slope, sums.MeanB - slope * sums.MeanA);
    }

    /// <summary>The line through the pixel pairs of <paramref name="a"/> and <paramref name="b"/>.</summary>
    public static CostesRegression Of(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sums = new RegionSums();
        for (int i = 0; i < a.Length; i++) sums.Add(a[i], b[i]);
        return Of(sums);
    }
}
