using SegMeasure.Core.Images;

namespace SegMeasure.Core.Postprocessing;

/// <summary>
/// Exact Euclidean distance from every voxel to the nearest non-zero voxel, in physical units
/// (voxel size per axis), together with that nearest voxel's index: the separable
/// lower-envelope-of-parabolas transform (Felzenszwalb and Huttenlocher), one sweep per axis,
/// carrying the nearest seed along. Linear in the number of voxels.
/// </summary>
internal sealed class EuclideanFeatureTransform
{
    private EuclideanFeatureTransform(double[] squaredDistance, int[] feature)
    {
        SquaredDistance = squaredDistance;
        Feature = feature;
    }

    /// <summary>Squared physical distance to the nearest seed (infinity when there is none).</summary>
    public double[] SquaredDistance { get; }

    /// <summary>Raveled index of the nearest seed, or -1 when the image has no seed.</summary>
    public int[] Feature { get; }

    public static EuclideanFeatureTransform Compute(uint[] seeds, ImageShape shape, VoxelSize voxelSize, CancellationToken cancellationToken = default)
    {
        if (seeds.LongLength > int.MaxValue)
            throw new SegMeasureException("SegMeasure.ImageTooLarge", ErrorKind.NotSupported, $"images of more than {int.MaxValue} voxels are not supported by this operation");

        int n = seeds.Length;
        var d2 = new double[n];
        var feature = new int[n];
        for (int i = 0; i < n; i++)
        {
            if (seeds[i] != 0)
            {
                feature[i] = i;
            }
            else
            {
                d2[i] = double.PositiveInfinity;
                feature[i] = -1;
            }
        }

        int w = shape.Width, h = shape.Height, d = shape.Depth, plane = w * h;
        var line = new LineBuffers(Math.Max(w, Math.Max(h, d)));

        for (int z = 0; z < d; z++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (int y = 0; y < h; y++)
                line.Sweep(d2, feature, z * plane + y * w, 1, w, voxelSize.X);
        }

        for (int z = 0; z < d; z++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (int x = 0; x < w; x++)
                line.Sweep(d2, feature, z * plane + x, w, h, voxelSize.Y);
        }

        if (d > 1)
        {
            for (int y = 0; y < h; y++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                for (int x = 0; x < w; x++)
                    line.Sweep(d2, feature, y * w + x, plane, d, voxelSize.Z);
            }
        }

        return new EuclideanFeatureTransform(d2, feature);
    }

    /// <summary>Scratch space for one line, reused across lines.</summary>
    private sealed class LineBuffers(int length)
    {
        private readonly double[] _f = new double[length];
        private readonly int[] _g = new int[length];
        private readonly int[] _v = new int[length];
        private readonly double[] _z = new double[length + 1];

        /// <summary>Replaces the line's squared distances f by min over p of f(p) + (s·(q − p))², and its features accordingly.</summary>
        public void Sweep(double[] d2, int[] feature, int start, int stride, int length, double spacing)
        {
            var f = _f;
            var g = _g;
            var v = _v;
            var z = _z;
            double s2 = spacing * spacing;
            for (int q = 0, i = start; q < length; q++, i += stride)
            {
                f[q] = d2[i];
                g[q] = feature[i];
            }

            // Lower envelope of the parabolas of finite samples.
            int k = -1;
            for (int q = 0; q < length; q++)
            {
                if (double.IsPositiveInfinity(f[q])) continue;
                double crossing = double.NegativeInfinity;
                while (k >= 0)
                {
                    int p = v[k];
                    crossing = (f[q] + s2 * q * (double)q - (f[p] + s2 * p * (double)p)) / (2 * s2 * (q - p));
                    if (crossing > z[k]) break;
                    k--;
                }

                k++;
                v[k] = q;
                z[k] = k == 0 ? double.NegativeInfinity : crossing;
                z[k + 1] = double.PositiveInfinity;
            }

            if (k < 0) return; // no seed on this line: it stays at infinity

            for (int q = 0, j = 0, i = start; q < length; q++, i += stride)
            {
                while (z[j + 1] < q) j++;
                int p = v[j];
                double delta = q - p;
                d2[i] = f[p] + s2 * delta * delta;
                feature[i] = g[p];
            }
        }
    }
}
