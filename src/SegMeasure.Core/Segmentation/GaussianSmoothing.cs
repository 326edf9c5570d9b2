namespace SegMeasure.Core.Segmentation;

/// <summary>
/// Separable Gaussian smoothing of a 2D plane with edge values repeated beyond the border,
/// the definition of <c>scipy.ndimage.gaussian_filter(mode="nearest", truncate=4)</c>: a kernel
/// of radius ⌊4σ + ½⌋ normalised to sum 1, applied along Y and then along X, summing the
/// symmetric pairs from the outside in so that results agree with scipy to the last bit.
/// </summary>
internal static class GaussianSmoothing
{
    public static double[] Apply(double[] plane, int height, int width, double sigma)
    {
        if (!(sigma >= 0) || double.IsInfinity(sigma))
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "the smoothing sigma must be a finite number ≥ 0");
        if (sigma == 0) return (double[])plane.Clone();
        var kernel = Kernel(sigma);
        var alongY = new double[plane.Length];
        var line = new double[Math.Max(height, width) + 2 * kernel.Length];
        for (int x = 0; x < width; x++)
            Line(plane, alongY, x, width, height, kernel, line);
        var result = new double[plane.Length];
        for (int y = 0; y < height; y++)
            Line(alongY, result, y * width, 1, width, kernel, line);
        return result;
    }

    /// <summary>Half kernel w[0..r] (w[k] weighs offsets ±k).</summary>
    internal static double[] Kernel(double sigma)
    {
        int radius = (int)(4.0 * sigma + 0.5);
        var full = new double[2 * radius + 1];
        double scale = -0.5 / (sigma * sigma);
        for (int i = 0; i < full.Length; i++)
        {
            double x = i - radius;
            full[i] = Math.Exp(scale * (x * x));
        }

        double sum = PairwiseSum(full);
        var half = new double[radius + 1];
        for (int k = 0; k <= radius; k++) half[k] = full[radius + k] / sum;
        return half;
    }

    private static void Line(double[] source, double[] target, int start, int stride, int length, double[] kernel, double[] buffer)
    {
        int r = kernel.Length - 1;
        for (int i = -r; i < length + r; i++)
            buffer[i + r] = source[start + Math.Clamp(i, 0, length - 1) * stride];
        for (int i = 0; i < length; i++)
        {
            int c = i + r;
            double sum = buffer[c] * kernel[0];
            for (int k = r; k >= 1; k--) sum += (buffer[c - k] + buffer[c + k]) * kernel[k];
            target[start + i * stride] = sum;
        }
    }

    /// <summary>numpy's summation order for short arrays: eight running sums, combined in pairs.</summary>
    private static double PairwiseSum(double[] values)
    {
        int n = values.Length;
        if (n < 8)
        {
            double s = 0;
            foreach (var v in values) s += v;
            return s;
        }

        if (n > 128) throw new ArgumentOutOfRangeException(nameof(values), "smoothing sigma too large (kernel above 128 taps)");
        var r = new double[8];
        for (int j = 0; j < 8; j++) r[j] = values[j];
        int i;
        for (i = 8; i < n - n % 8; i += 8)
            for (int j = 0; j < 8; j++) r[j] += values[i + j];
        double total = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < n; i++) total += values[i];
        return total;
    }
}
