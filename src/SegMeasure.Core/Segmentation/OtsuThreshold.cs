using SegMeasure.Core.Analysis.Thresholds;

namespace SegMeasure.Core.Segmentation;

/// <summary>
/// Otsu's threshold of an image, as <c>skimage.filters.threshold_otsu</c> defines it: a 256-bin
/// histogram of the value range (<see cref="UniformHistogram"/>) and <see cref="OtsuCriterion"/>'s
/// bin centre; a constant image returns its value. Unlike a table column, an image with NaN or infinities
/// has no threshold: it is refused rather than thresholded without those pixels.
/// </summary>
internal static class OtsuThreshold
{
    public static double Of(double[] values, int bins = ThresholdSuggestion.DefaultBins)
    {
        if (values.Length == 0) throw new ArgumentException("the image is empty");
        foreach (var v in values)
            if (!double.IsFinite(v)) throw new ArgumentException("the image holds NaN or infinite values; no threshold can be computed");
        if (Array.TrueForAll(values, v => v == values[0])) return values[0];
        var histogram = UniformHistogram.Of(values, bins);
        return OtsuCriterion.BestCenter(histogram.Counts, histogram.Centers());
    }
}
