namespace SegMeasure.Core.Segmentation.Cellpose;

/// <summary>
/// Cellpose's input normalisation (transforms.normalize99 as normalize_img calls it): the 1st
/// percentile maps to 0 and the 99th to 1 (numpy's linear percentiles); images of more than
/// 224³ pixels take the percentiles on a strided sample, a range under 1e-3 gives zeros and a
/// constant image is left as it is.
/// </summary>
internal static class PercentileNormalization
{
    public static float[] Apply(double[] plane, int height, int width, double lower = 1, double upper = 99)
    {
        var values = new float[plane.Length];
        for (int i = 0; i < plane.Length; i++) values[i] = (float)plane[i];
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        foreach (var v in values) { min = Math.Min(min, v); max = Math.Max(max, v); }
        if (!(max > min)) return values;

        float[] sample = values;
        if ((long)height * width > 224L * 224 * 224)
        {
            int sy = Math.Max(1, height / 224), sx = Math.Max(1, width / 224);
            var strided = new List<float>();
            for (int y = 0; y < height; y += sy)
                for (int x = 0; x < width; x += sx) strided.Add(values[y * width + x]);
            sample = strided.ToArray();
        }

        var sorted = (float[])sample.Clone();
        Array.Sort(sorted);
        // numpy's percentile on float32 data works in float32.
        float lo = Percentile(sorted, lower), hi = Percentile(sorted, upper);
        if (!(hi - lo > 1e-3f))
        {
            Array.Clear(values);
            return values;
        }

        float range = hi - lo;
        for (int i = 0; i < values.Length; i++) values[i] = (values[i] - lo) / range;
        return values;
    }

    /// <summary>numpy's default ("linear") percentile of sorted values.</summary>
    internal static float Percentile(float[] sorted, double percent)
    {
        double position = percent / 100.0 * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(sorted.Length - 1, below + 1);
        double t = position - below;
        return (float)(sorted[below] + (sorted[above] - (double)sorted[below]) * t);
    }
}
