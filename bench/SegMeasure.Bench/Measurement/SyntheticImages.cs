using SegMeasure.Core.Images;

namespace SegMeasure.Bench.Measurement;

/// <summary>
/// Deterministic test scenes: random discs (2D) or balls (3D) painted over each other, so labels
/// touch and overlap like a dense segmentation; nuclei are smaller concentric discs with their
/// own ids; intensities are noise plus a per-object level.
/// </summary>
internal static class SyntheticImages
{
    /// <summary>About <paramref name="objects"/> discs covering roughly half of the image.</summary>
    public static LabelImage Discs(int height, int width, int objects, int seed, double radiusFactor = 1.0)
    {
        var rng = new Random(seed);
        var data = new uint[(long)height * width];
        double meanRadius = Math.Sqrt(0.5 * height * width / objects / Math.PI) * radiusFactor;
        for (int id = 1; id <= objects; id++)
        {
            double r = meanRadius * (0.6 + 0.8 * rng.NextDouble());
            double cy = rng.NextDouble() * height, cx = rng.NextDouble() * width;
            double ry = r * (0.7 + 0.6 * rng.NextDouble()), rx = r * r / ry;
            Paint2D(data, height, width, cy, cx, ry, rx, (uint)id);
        }

        return new LabelImage(data, ImageShape.Of2D(height, width));
    }

    private static void Paint2D(uint[] data, int height, int width, double cy, double cx, double ry, double rx, uint id)
    {
        int y0 = Math.Max(0, (int)(cy - ry)), y1 = Math.Min(height - 1, (int)(cy + ry) + 1);
        for (int y = y0; y <= y1; y++)
        {
            double dy = (y - cy) / ry;
            if (dy * dy > 1) continue;
            double half = rx * Math.Sqrt(1 - dy * dy);
            int x0 = Math.Max(0, (int)Math.Ceiling(cx - half)), x1 = Math.Min(width - 1, (int)Math.Floor(cx + half));
            for (int x = x0; x <= x1; x++) data[(long)y * width + x] = id;
        }
    }

    /// <summary>Nuclei: for every cell id, a disc of half its size around the cell's centroid (ids offset by 1 000 000).</summary>
    public static LabelImage NucleiOf(LabelImage cells)
    {
        var shape = cells.Shape;
        var sums = new Dictionary<uint, (double Y, double X, long N)>();
        for (int y = 0; y < shape.Height; y++)
            for (int x = 0; x < shape.Width; x++)
            {
                uint id = cells.Data[(long)y * shape.Width + x];
                if (id == 0) continue;
                sums.TryGetValue(id, out var s);
                sums[id] = (s.Y + y, s.X + x, s.N + 1);
            }

        var data = new uint[cells.Data.Length];
        foreach (var (id, s) in sums)
        {
            double r = Math.Sqrt(s.N / Math.PI) / 2;
            Paint2D(data, shape.Height, shape.Width, s.Y / s.N, s.X / s.N, r, r, id + 1_000_000);
        }

        return new LabelImage(data, shape);
    }

    public static LabelImage Balls(int depth, int height, int width, int objects, int seed)
    {
        var rng = new Random(seed);
        var data = new uint[(long)depth * height * width];
        double meanRadius = Math.Cbrt(0.4 * depth * height * width / objects / (4.0 / 3 * Math.PI));
        for (int id = 1; id <= objects; id++)
        {
            double r = meanRadius * (0.7 + 0.6 * rng.NextDouble());
            double cz = rng.NextDouble() * depth, cy = rng.NextDouble() * height, cx = rng.NextDouble() * width;
            double rz = r * (0.7 + 0.6 * rng.NextDouble());
            for (int z = Math.Max(0, (int)(cz - rz)); z <= Math.Min(depth - 1, (int)(cz + rz) + 1); z++)
            {
                double dz = (z - cz) / rz;
                if (dz * dz > 1) continue;
                double rr = r * Math.Sqrt(1 - dz * dz);
                for (int y = Math.Max(0, (int)(cy - rr)); y <= Math.Min(height - 1, (int)(cy + rr) + 1); y++)
                {
                    double dy = y - cy;
                    double half2 = rr * rr - dy * dy;
                    if (half2 < 0) continue;
                    double half = Math.Sqrt(half2);
                    int x0 = Math.Max(0, (int)Math.Ceiling(cx - half)), x1 = Math.Min(width - 1, (int)Math.Floor(cx + half));
                    for (int x = x0; x <= x1; x++) data[((long)z * height + y) * width + x] = (uint)id;
                }
            }
        }

        return new LabelImage(data, ImageShape.Of3D(depth, height, width));
    }

    public static IntensityImage Intensity(LabelImage labels, int seed)
    {
        var rng = new Random(seed);
        var samples = new ushort[labels.Data.Length];
        for (long i = 0; i < samples.LongLength; i++)
            samples[i] = (ushort)(100 + rng.Next(200) + (labels.Data[i] % 97) * 20);
        return IntensityImage.Create(samples, labels.Shape);
    }
}
