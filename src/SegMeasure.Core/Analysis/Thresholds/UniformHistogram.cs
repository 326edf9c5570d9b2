namespace SegMeasure.Core.Analysis.Thresholds;

/// <summary>
/// A histogram of equal-width bins spanning the data's range, binned exactly as numpy's
/// <c>histogram(values, bins, range=(min, max))</c> (and so scikit-image's
/// <c>exposure.histogram</c> for floating-point data): the last bin is closed, and the bin of a
/// value is corrected against the bin edges so rounding never moves a value across an edge.
/// </summary>
internal sealed class UniformHistogram
{
    private UniformHistogram(double[] counts, double[] edges)
    {
        Counts = counts;
        Edges = edges;
    }

    public double[] Counts { get; }

    /// <summary>Bin edges as numpy's <c>linspace(first, last, bins + 1)</c>.</summary>
    public double[] Edges { get; }

    /// <summary>Bin centres, (left + right) / 2, as scikit-image reports them.</summary>
    public double[] Centers()
    {
        var centers = new double[Counts.Length];
        for (int i = 0; i < centers.Length; i++) centers[i] = (Edges[i] + Edges[i + 1]) / 2.0;
        return centers;
    }

    /// <param name="values">Finite values; at least one.</param>
    /// <param name="bins">Number of bins.</param>
    public static UniformHistogram Of(IReadOnlyList<double> values, int bins)
    {
        if (bins < 1) throw new ArgumentOutOfRangeException(nameof(bins), "a histogram needs at least one bin");
        double first = values.Min(), last = values.Max();
        if (first == last)
        {
            first -= 0.5;
            last += 0.5;
        }

        var edges = new double[bins + 1];
        double step = (last - first) / bins;
        for (int i = 0; i <= bins; i++) edges[i] = i * step + first;
        edges[bins] = last;

        var counts = new double[bins];
        double norm = bins / (last - first);
        foreach (var v in values)
        {
            int index = (int)((v - first) * norm);
            if (index == bins) index--;
            if (v < edges[index]) index--;
            else if (index != bins - 1 && v >= edges[index + 1]) index++;
            counts[index]++;
        }

        return new UniformHistogram(counts, edges);
    }
}
