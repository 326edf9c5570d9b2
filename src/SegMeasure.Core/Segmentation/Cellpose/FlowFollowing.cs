namespace SegMeasure.Core.Segmentation.Cellpose;

/// <summary>
/// Cellpose's flow following (dynamics.steps_interp, CPU path): every pixel above the cell
/// probability threshold moves along the flow field (divided by 5, zero outside the threshold)
/// for a fixed number of Euler steps, the flow read by bilinear interpolation and positions
/// clamped to the image. Arithmetic as Cellpose's: float32 positions, double interpolation weights.
/// </summary>
internal static class FlowFollowing
{
    /// <summary>End points (row, column) of the pixels <paramref name="starts"/> (row-major indices).</summary>
    public static (float[] Y, float[] X) Follow(CellposeFlows flows, float cellProbabilityThreshold, int[] starts, int iterations, CancellationToken cancellationToken = default)
    {
        int h = flows.Height, w = flows.Width;
        var fy = new float[flows.Length];
        var fx = new float[flows.Length];
        for (int i = 0; i < fy.Length; i++)
        {
            if (!(flows.CellProbability[i] > cellProbabilityThreshold)) continue;
            fy[i] = flows.FlowY[i] / 5f;
            fx[i] = flows.FlowX[i] / 5f;
        }

        var py = new float[starts.Length];
        var px = new float[starts.Length];
        float maxY = h - 1, maxX = w - 1;
        var options = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.For(0, (starts.Length + 4095) / 4096, options, chunk =>
        {
            int end = Math.Min(starts.Length, (chunk + 1) * 4096);
            for (int j = chunk * 4096; j < end; j++)
            {
                float y = starts[j] / w, x = starts[j] % w;
                for (int t = 0; t < iterations; t++)
                {
                    int y0 = (int)y, x0 = (int)x;
                    double ty = y - y0, tx = x - x0;
                    int yf = Math.Min(h - 1, Math.Max(0, y0)), xf = Math.Min(w - 1, Math.Max(0, x0));
                    int yf1 = Math.Min(h - 1, yf + 1), xf1 = Math.Min(w - 1, xf + 1);
                    int a = yf * w + xf, b = yf * w + xf1, c = yf1 * w + xf, d = yf1 * w + xf1;
                    float stepY = (float)(fy[a] * (1 - ty) * (1 - tx) + fy[b] * (1 - ty) * tx + fy[c] * ty * (1 - tx) + fy[d] * ty * tx);
                    float stepX = (float)(fx[a] * (1 - ty) * (1 - tx) + fx[b] * (1 - ty) * tx + fx[c] * ty * (1 - tx) + fx[d] * ty * tx);
                    y = Math.Min(maxY, Math.Max(0f, y + stepY));
                    x = Math.Min(maxX, Math.Max(0f, x + stepX));
                }

                py[j] = y;
                px[j] = x;
            }
        });
        return (py, px);
    }
}
