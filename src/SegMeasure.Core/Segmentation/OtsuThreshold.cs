namespace SegMeasure.Core.Segmentation;

/// <summary>
/// Otsu's threshold (Otsu 1979) over a 256-bin histogram of the value range, as
/// <c>skimage.filters.threshold_otsu</c> defines it: the centre of the bin that maximises the
/// between-class variance, the first one on ties; a constant image returns its value.
/// </summary>
internal static class OtsuThreshold
{
    public static double Of(double[] values, int bins = 256)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (double.IsNaN(v)) throw new ArgumentException("the image holds NaN; no threshold can be computed");
            if (v < min) min = v;
            if (v > max) max = v;
        }

        if (values.Length == 0) throw new ArgumentException("the image is empty");
        if (min == max) return values[0];

        // Bin edges and assignment as numpy.histogram does for uniform bins.
        var edges = new double[bins + 1];
        double step = (max - min) / bins;
        for (int i = 0; i <= bins; i++) edges[i] = i * step + min;
        edges[bins] = max;
        double norm = bins / (max - min);
        var counts = new long[bins];
        foreach (var v in values)
        {
            int index = (int)((v - min) * norm);
            if (index == bins) index--;
            if (v < edges[index]) index--;
            else if (v >= edges[index + 1] && index != bins - 1) index++;
            counts[index]++;
        }

        var centres = new double[bins];
        for (int i = 0; i < bins; i++) centres[i] = (edges[i] + edges[i + 1]) / 2.0;

        var weight1 = new long[bins];
        var weight2 = new long[bins];
        var mean1 = new double[bins];
        var mean2 = new double[bins];
        long w = 0;
        double m = 0;
        for (int i = 0; i < bins; i++)
        {
            w += counts[i];
            m += counts[i] * centres[i];
            weight1[i] = w;
            mean1[i] = m / w;
        }

        w = 0;
        m = 0;
        for (int i = bins - 1; i >= 0; i--)
        {
            w += counts[i];
            m += counts[i] * centres[i];
            weight2[i] = w;
            mean2[i] = m / w;
        }

        int best = 0;
        double bestVariance = double.NegativeInfinity;
        for (int i = 0; i < bins - 1; i++)
        {
            double d = mean1[i] - mean2[i + 1];
            double variance = (double)(weight1[i] * weight2[i + 1]) * (d * d);
            if (variance > bestVariance || (double.IsNaN(bestVariance) && !double.IsNaN(variance)))
            {
                bestVariance = variance;
                best = i;
            }
        }

        return centres[best];
    }
}
