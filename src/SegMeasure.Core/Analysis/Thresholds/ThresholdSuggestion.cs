namespace SegMeasure.Core.Analysis.Thresholds;

/// <summary>How thresholds are suggested from a column's values.</summary>
public enum ThresholdMethod
{
    /// <summary>Equally spaced percentiles, as the reference tool does.</summary>
    Quantiles,

    /// <summary>Otsu's threshold for two categories, multi-Otsu for more.</summary>
    Otsu,
}

/// <summary>
/// Suggested thresholds for splitting a column into categories. All methods ignore NaN (missing)
/// values; infinite values are ignored too, because they would make every percentile or
/// histogram bin meaningless.
/// </summary>
public static class ThresholdSuggestion
{
    /// <summary>The default number of histogram bins for Otsu's methods, as scikit-image's.</summary>
    public const int DefaultBins = 256;

    public static double[] Suggest(IEnumerable<double> values, int categories, ThresholdMethod method, int bins = DefaultBins) => method switch
    {
        ThresholdMethod.Quantiles => Quantiles(values, categories),
        ThresholdMethod.Otsu when categories == 2 => [Otsu(values, bins)],
        ThresholdMethod.Otsu => MultiOtsu(values, categories, bins),
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };

    /// <summary>
    /// <paramref name="categories"/> − 1 thresholds at the equally spaced percentiles
    /// 100·i/<paramref name="categories"/>, linearly interpolated between order statistics
    /// exactly as numpy's default <c>percentile</c>.
    /// </summary>
    public static double[] Quantiles(IEnumerable<double> values, int categories)
    {
        CheckCategories(categories);
        var sorted = Finite(values);
        Array.Sort(sorted);
        var thresholds = new double[categories - 1];
        double step = 100.0 / categories;
        for (int i = 1; i < categories; i++) thresholds[i - 1] = Percentile(sorted, i * step / 100.0);
        return thresholds;
    }

    /// <summary>The <paramref name="fraction"/> quantile (0…1) of ascending values, numpy's "linear" method.</summary>
    internal static double Percentile(double[] sorted, double fraction)
    {
        double position = (sorted.Length - 1) * fraction;
        double below = Math.Floor(position);
        double t = position - below;
        int lo = (int)below;
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        double a = sorted[lo], b = sorted[hi];
        double diff = b - a;
        // numpy interpolates from the nearer end, which keeps the result monotonic in t.
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }

    /// <summary>
    /// Otsu's threshold: the bin centre of a <paramref name="bins"/>-bin histogram over the value
    /// range that maximises the between-class variance (scikit-image's <c>threshold_otsu</c> on
    /// floating-point data). A column with a single value returns that value.
    /// </summary>
    public static double Otsu(IEnumerable<double> values, int bins = DefaultBins)
    {
        var data = Finite(values);
        if (data.All(v => v == data[0])) return data[0];
        var histogram = UniformHistogram.Of(data, bins);
        return OtsuCriterion.BestCenter(histogram.Counts, histogram.Centers());
    }

    /// <summary>
    /// Multi-Otsu thresholds for <paramref name="classes"/> classes: the combination of histogram
    /// bins that maximises the summed between-class variance, searched exhaustively with a lookup
    /// table (Liao, Chen &amp; Chung 2001). Computed in single precision, as scikit-image's
    /// <c>threshold_multiotsu</c>, so ties resolve the same way.
    /// </summary>
    public static double[] MultiOtsu(IEnumerable<double> values, int classes = 3, int bins = DefaultBins)
    {
        CheckCategories(classes);
        var data = Finite(values);
        var histogram = UniformHistogram.Of(data, bins);
        var centers = histogram.Centers();
        double total = histogram.Counts.Sum();
        var prob = histogram.Counts.Select(c => (float)(c / total)).ToArray();

        int distinct = prob.Count(p => p > 0);
        if (distinct < classes)
            throw new SegMeasureException("SegMeasure.TooFewValues", ErrorKind.InvalidData,
                $"the values fall into only {distinct} distinct histogram bin(s); they cannot be split into {classes} categories");
        if (distinct == classes)
            return Enumerable.Range(0, prob.Length).Where(i => prob[i] > 0).Take(classes - 1).Select(i => centers[i]).ToArray();

        var indices = new MultiOtsuSearch(prob).Find(classes - 1);
        return indices.Select(i => centers[i]).ToArray();
    }

    private static double[] Finite(IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        if (finite.Length == 0)
            throw new SegMeasureException("SegMeasure.NoValues", ErrorKind.InvalidData, "the column has no finite values to suggest thresholds from");
        return finite;
    }

    private static void CheckCategories(int categories)
    {
        if (categories < 2)
            throw new SegMeasureException("SegMeasure.InvalidCategoryCount", ErrorKind.InvalidArgument,
                $"the number of categories must be at least 2 (got {categories})");
    }
}
