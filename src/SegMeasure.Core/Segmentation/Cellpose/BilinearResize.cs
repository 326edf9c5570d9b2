namespace SegMeasure.Core.Segmentation.Cellpose;

/// <summary>
/// Bilinear resizing with pixel centres aligned (OpenCV's INTER_LINEAR, which Cellpose's
/// transforms.resize_image uses): source = (target + 0.5) · scale − 0.5, clamped at the borders.
/// </summary>
internal static class BilinearResize
{
    public static float[] Resize(float[] source, int height, int width, int newHeight, int newWidth)
    {
        if (newHeight == height && newWidth == width) return (float[])source.Clone();
        var result = new float[newHeight * newWidth];
        double sy = (double)height / newHeight, sx = (double)width / newWidth;
        var x0 = new int[newWidth];
        var x1 = new int[newWidth];
        var tx = new double[newWidth];
        for (int x = 0; x < newWidth; x++) Axis(x, sx, width, out x0[x], out x1[x], out tx[x]);
        for (int y = 0; y < newHeight; y++)
        {
            Axis(y, sy, height, out int y0, out int y1, out double ty);
            for (int x = 0; x < newWidth; x++)
            {
                double top = source[y0 * width + x0[x]] * (1 - tx[x]) + source[y0 * width + x1[x]] * tx[x];
                double bottom = source[y1 * width + x0[x]] * (1 - tx[x]) + source[y1 * width + x1[x]] * tx[x];
                result[y * newWidth + x] = (float)(top * (1 - ty) + bottom * ty);
            }
        }

        return result;
    }

    private static void Axis(int target, double scale, int size, out int i0, out int i1, out double t)
    {
        double s = (target + 0.5) * scale - 0.5;
        int f = (int)Math.Floor(s);
        t = s - f;
        if (f < 0) { f = 0; t = 0; }
        if (f >= size - 1) { f = size - 1; t = 0; }
        i0 = f;
        i1 = Math.Min(size - 1, f + 1);
    }
}
