using SegMeasure.Core.Measurement;
using SegMeasure.Core.Measurement.Geometry;

namespace SegMeasure.Core.Tests.Measurement;

public class PixelHullTests
{
    /// <summary>Row ends of a mask's rows (int.MaxValue / −1 where a row is empty), as RowExtents holds them.</summary>
    private static (int[] First, int[] Last) RowEnds(bool[] mask, int height, int width)
    {
        var first = Enumerable.Repeat(int.MaxValue, height).ToArray();
        var last = Enumerable.Repeat(-1, height).ToArray();
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                if (mask[y * width + x])
                {
                    first[y] = Math.Min(first[y], x);
                    last[y] = Math.Max(last[y], x);
                }

        return (first, last);
    }

    [Theory]
    [InlineData(1, 1, 1.0, 1)]
    [InlineData(3, 9, 0.5, 2)]
    [InlineData(12, 7, 0.3, 3)]
    [InlineData(40, 40, 0.05, 4)] // sparse: disconnected, with rows the object skips
    [InlineData(70, 30, 0.6, 5)]  // taller than the stack scratch
    public void Counts_the_hull_pixels_that_the_mask_based_hull_counts(int height, int width, double density, int seed)
    {
        var rng = new Random(seed);
        for (int trial = 0; trial < 50; trial++)
        {
            var mask = new bool[height * width];
            for (int i = 0; i < mask.Length; i++) mask[i] = rng.NextDouble() < density;
            // The object spans the whole box: its top and bottom rows are never empty.
            mask[rng.Next(width)] = true;
            mask[(height - 1) * width + rng.Next(width)] = true;
            var (first, last) = RowEnds(mask, height, width);

            long expected = ConvexHullImage.VoxelCount(new ObjectMask(mask, 1, height, width, is2D: true));
            Assert.Equal(expected, PixelHull.Count(first, last));
        }
    }

    [Theory]
    [InlineData(1.0, 1.0)]
    [InlineData(3.5, 1.2)]
    [InlineData(8.0, 2.5)]
    [InlineData(30.0, 12.0)]
    public void Counts_the_hull_pixels_of_rotated_ellipses(double semiMajor, double semiMinor)
    {
        // Digital ellipses step by zero, one and several pixels between rows: every case of which
        // midpoints between rows can be hull vertices.
        var rng = new Random((int)(semiMajor * 10 + semiMinor));
        for (int trial = 0; trial < 40; trial++)
        {
            double angle = rng.NextDouble() * Math.PI, cy = rng.NextDouble(), cx = rng.NextDouble();
            int side = 2 * (int)Math.Ceiling(semiMajor) + 3;
            var mask = new bool[side * side];
            for (int y = 0; y < side; y++)
                for (int x = 0; x < side; x++)
                {
                    double dy = y - side / 2 - cy, dx = x - side / 2 - cx;
                    double u = dx * Math.Cos(angle) + dy * Math.Sin(angle), v = -dx * Math.Sin(angle) + dy * Math.Cos(angle);
                    mask[y * side + x] = u * u / (semiMajor * semiMajor) + v * v / (semiMinor * semiMinor) <= 1;
                }

            var rows = Enumerable.Range(0, side).Where(y => Enumerable.Range(0, side).Any(x => mask[y * side + x])).ToArray();
            if (rows.Length == 0) continue;
            var cropped = mask.Skip(rows[0] * side).Take((rows[^1] - rows[0] + 1) * side).ToArray();
            int height = rows[^1] - rows[0] + 1;
            var (first, last) = RowEnds(cropped, height, side);

            long expected = ConvexHullImage.VoxelCount(new ObjectMask(cropped, 1, height, side, is2D: true));
            Assert.Equal(expected, PixelHull.Count(first, last));
        }
    }
}
