using SegMeasure.Core.Images;
using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Colocalization;

/// <summary>
/// What a cytofluorogram shows: every pixel's (a, b) pair in the region, Costes' orthogonal
/// regression line through them, and the Manders thresholds of the chosen method.
/// </summary>
public sealed record CytofluorogramResult(IReadOnlyList<double> A, IReadOnlyList<double> B, CostesRegression Line, double ThresholdA, double ThresholdB)
{
    /// <summary>One row: n_pixels, slope, intercept, threshold_a, threshold_b.</summary>
    public MeasurementTable ToTable() => new(
    [
        new IntegerColumn("n_pixels", [(long)A.Count]),
        new DoubleColumn("slope", [Line.Slope]),
        new DoubleColumn("intercept", [Line.Intercept]),
        new DoubleColumn("threshold_a", [ThresholdA]),
        new DoubleColumn("threshold_b", [ThresholdB]),
    ]);
}

/// <summary>The data of a cytofluorogram of one region (the pixels inside the mask, or all).</summary>
public static class Cytofluorogram
{
    public static CytofluorogramResult Compute(IntensityImage a, IntensityImage b, LabelImage? mask = null, ColocalizationOptions? options = null)
    {
        options ??= new ColocalizationOptions();
        MaskedPixels.CheckShapes(a.Shape, b.Shape, mask);
        if (options.ThresholdMethod == ColocalizationThresholdMethod.Manual && (options.ThresholdA is null || options.ThresholdB is null))
            throw new SegMeasureException("SegMeasure.MissingThreshold", ErrorKind.InvalidArgument,
                "the manual threshold method needs both threshold A and threshold B");
        var (inA, inB, sums) = MaskedPixels.Gather(a, b, mask);

        var metrics = new HashSet<ColocalizationMetric> { ColocalizationMetric.Mcc };
        bool integer = ChannelPlane.IsInteger(a.PixelType) && ChannelPlane.IsInteger(b.PixelType);
        var row = RegionMetrics.Compute(sums, inA.ToArray(), inB.ToArray(), integer, metrics, options);
        return new CytofluorogramResult(inA, inB, CostesRegression.Of(sums), row.ThresholdA, row.ThresholdB);
    }
}
