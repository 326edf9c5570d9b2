namespace SegMeasure.Core.Segmentation.Cellpose;

/// <summary>
/// Cellpose's masks-to-flows (dynamics.masks_to_flows, CPU path, version 3): heat diffuses from
/// each object's centre (the object pixel closest to its mean position) over the object's own
/// pixels, and the flow is the normalised gradient of the result. This is what the network is
/// trained to predict and what the flow-error check compares its output with.
/// </summary>
internal static class MasksToFlows
{
    /// <summary>Unit flows (Y, X) of a 2D label image; zero outside objects. <paramref name="iterations"/> null = Cellpose's 2·(box height + box width + 4).</summary>
    public static (double[] Y, double[] X) Compute2D(uint[] labels, int height, int width, int? iterations = null)
    {
        var dy = new double[labels.Length];
        var dx = new double[labels.Length];
        foreach (var box in ObjectBoxes.Of(labels, height, width))
            Diffuse(labels, width, box, iterations, dy, dx);

        for (int i = 0; i < labels.Length; i++)
        {
            double norm = 1e-60 + Math.Sqrt(dy[i] * dy[i] + dx[i] * dx[i]);
            dy[i] /= norm;
            dx[i] /= norm;
        }

        return (dy, dx);
    }

    /// <summary>
    /// Flows (Z, Y, X) of a 3D label image as Cellpose builds them: the 2D flows of every YX, ZX
    /// and ZY plane summed per axis into float32 (not renormalised).
    /// </summary>
    public static (float[] Z, float[] Y, float[] X) Compute3D(uint[] labels, int depth, int height, int width, int? iterations = null)
    {
        long n = (long)depth * height * width;
        var fz = new float[n];
        var fy = new float[n];
        var fx = new float[n];
        int plane = height * width;
        for (int z = 0; z < depth; z++)
        {
            var (a, b) = Compute2D(labels.AsSpan(z * plane, plane).ToArray(), height, width, iterations);
            for (int i = 0; i < plane; i++) { fy[z * plane + i] = (float)(fy[z * plane + i] + a[i]); fx[z * plane + i] = (float)(fx[z * plane + i] + b[i]); }
        }

        for (int y = 0; y < height; y++)
        {
            var slice = new uint[depth * width];
            for (int z = 0; z < depth; z++) for (int x = 0; x < width; x++) slice[z * width + x] = labels[z * plane + y * width + x];
            var (a, b) = Compute2D(slice, depth, width, iterations);
            for (int z = 0; z < depth; z++)
                for (int x = 0; x < width; x++) { fz[z * plane + y * width + x] = (float)(fz[z * plane + y * width + x] + a[z * width + x]); fx[z * plane + y * width + x] = (float)(fx[z * plane + y * width + x] + b[z * width + x]); }
        }

        for (int x = 0; x < width; x++)
        {
            var slice = new uint[depth * height];
            for (int z = 0; z < depth; z++) for (int y = 0; y < height; y++) slice[z * height + y] = labels[z * plane + y * width + x];
            var (a, b) = Compute2D(slice, depth, height, iterations);
            for (int z = 0; z < depth; z++)
                for (int y = 0; y < height; y++) { fz[z * plane + y * width + x] = (float)(fz[z * plane + y * width + x] + a[z * height + y]); fy[z * plane + y * width + x] = (float)(fy[z * plane + y * width + x] + b[z * height + y]); }
        }

        return (fz, fy, fx);
    }

    private static void Diffuse(uint[] labels, int width, ObjectBoxes.Box box, int? iterations, double[] dy, double[] dx)
    {
        // The box padded by one pixel on every side, so every object pixel has 8 neighbours in it.
        int ly = box.Bottom - box.Top + 2, lx = box.Right - box.Left + 2;
        var ys = new List<int>();
        var xs = new List<int>();
        for (int y = box.Top; y < box.Bottom; y++)
            for (int x = box.Left; x < box.Right; x++)
                if (labels[y * width + x] == box.Label) { ys.Add(y - box.Top + 1); xs.Add(x - box.Left + 1); }

        double ymean = 0, xmean = 0;
        for (int j = 0; j < ys.Count; j++) { ymean += ys[j]; xmean += xs[j]; }
        ymean /= ys.Count;
        xmean /= xs.Count;
        int centre = 0;
        double best = double.PositiveInfinity;
        for (int j = 0; j < ys.Count; j++)
        {
            double d = (xs[j] - xmean) * (xs[j] - xmean) + (ys[j] - ymean) * (ys[j] - ymean);
            if (d < best) { best = d; centre = j; }
        }

        int steps = iterations ?? 2 * (ly + lx);
        var heat = new double[ly * lx];
        var next = new double[ys.Count];
        var at = new int[ys.Count];
        for (int j = 0; j < ys.Count; j++) at[j] = ys[j] * lx + xs[j];
        int source = at[centre];
        for (int t = 0; t < steps; t++)
        {
            heat[source] += 1;
            // All new values from the old ones (a Jacobi step), in Cellpose's order of terms.
            for (int j = 0; j < at.Length; j++)
            {
                int i = at[j];
                next[j] = 1 / 9.0 * (heat[i] + heat[i - lx] + heat[i + lx] + heat[i - 1] + heat[i + 1]
                                     + heat[i - lx - 1] + heat[i - lx + 1] + heat[i + lx - 1] + heat[i + lx + 1]);
            }

            for (int j = 0; j < at.Length; j++) heat[at[j]] = next[j];
        }

        for (int j = 0; j < at.Length; j++)
        {
            int i = at[j];
            int target = (ys[j] - 1 + box.Top) * width + xs[j] - 1 + box.Left;
            dy[target] = heat[i + lx] - heat[i - lx];
            dx[target] = heat[i + 1] - heat[i - 1];
        }
    }
}
