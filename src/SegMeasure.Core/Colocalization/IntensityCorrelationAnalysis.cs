using SegMeasure.Core.Images;

namespace SegMeasure.Core.Colocalization;

/// <summary>The points of Li's ICA plots: each pixel's intensities and its product of deviations, plus the ICQ.</summary>
public sealed record IntensityCorrelationResult(IReadOnlyList<double> A, IReadOnlyList<double> B, IReadOnlyList<double> Products, double Icq);

/// <summary>
/// Li's intensity correlation analysis (Li et al. 2004): for every pixel of the region,
/// P = (a − mean a)(b − mean b); plotting a and b against P shows whether the channels vary
/// together (points right of zero) or apart. The ICQ summarises the plots.
/// </summary>
internal static class IntensityCorrelationAnalysis
{
    public static IntensityCorrelationResult Compute(IntensityImage a, IntensityImage b, LabelImage? mask = null)
    {
        MaskedPixels.CheckShapes(a.Shape, b.Shape, mask);
        var (inA, inB, sums) = MaskedPixels.Gather(a, b, mask);

        if (inA.Count < 2)
            throw new SegMeasureException("SegMeasure.TooFewPixels", ErrorKind.InvalidData, $"the region has {inA.Count} pixel(s); ICA needs at least 2");
        double meanA = sums.MeanA, meanB = sums.MeanB;
        var products = inA.Select((x, i) => (x - meanA) * (inB[i] - meanB)).ToArray();
        double icq = sums.Degenerate ? double.NaN : LiIntensityCorrelation.Icq(inA.ToArray(), inB.ToArray(), meanA, meanB);
        return new IntensityCorrelationResult(inA, inB, products, icq);
    }
}
