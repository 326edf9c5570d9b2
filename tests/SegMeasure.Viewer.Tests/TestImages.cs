using SegMeasure.Core.Images;
using SegMeasure.Core.Tiff;

namespace SegMeasure.Viewer.Tests;

/// <summary>Small images written for one test: a 3-D label stack whose ids differ per plane, and two-channel intensity images with their segmentations.</summary>
internal sealed class TestImages : IDisposable
{
    private static readonly TiffWriteOptions Options = new() { Compression = TiffCompression.None, Overwrite = true };

    public string Folder { get; } = Directory.CreateTempSubdirectory("segmeasure-viewer-test-").FullName;

    /// <summary>Where plane z's square k (0..3) lies: 12 px squares in a 2 × 2 grid of a 48 × 64 plane, shifted right by 2 px per plane.</summary>
    public static (int X0, int Y0) SquareOrigin(int z, int k) => (4 + (k % 2) * 28 + 2 * z, 6 + (k / 2) * 22);

    /// <summary>The id of plane z's square k: 10 (z + 1) + k + 1, so no id appears in two planes.</summary>
    public static uint StackId(int z, int k) => (uint)(10 * (z + 1) + k + 1);

    public string Stack(int depth)
    {
        var shape = new ImageShape(depth, 48, 64);
        var labels = new uint[shape.Length];
        for (int z = 0; z < depth; z++)
            for (int k = 0; k < 4; k++)
            {
                var (x0, y0) = SquareOrigin(z, k);
                for (int y = y0; y < y0 + 12; y++)
                    for (int x = x0; x < x0 + 12; x++)
                        labels[shape.IndexOf(z, y, x)] = StackId(z, k);
            }

        var path = Path.Combine(Folder, "stack-seg.tif");
        ImageFile.WriteLabels(path, new LabelImage(labels, shape), Options);
        return path;
    }

    /// <summary>64 × 64, channel 0 = 200 left of x = 32 (else 0), channel 1 = 100 above y = 32 (else 0); one object in the bottom-right corner.</summary>
    public (string Segmentation, string Intensity) TwoChannels()
    {
        var shape = ImageShape.Of2D(64, 64);
        var c0 = new ushort[shape.Length];
        var c1 = new ushort[shape.Length];
        var labels = new uint[shape.Length];
        for (int y = 0; y < 64; y++)
            for (int x = 0; x < 64; x++)
            {
                c0[y * 64 + x] = (ushort)(x < 32 ? 200 : 0);
                c1[y * 64 + x] = (ushort)(y < 32 ? 100 : 0);
                if (x >= 50 && y >= 50) labels[y * 64 + x] = 1;
            }

        var segmentation = Path.Combine(Folder, "two-seg.tif");
        var intensity = Path.Combine(Folder, "two.tif");
        ImageFile.WriteLabels(segmentation, new LabelImage(labels, shape), Options);
        ImageFile.WriteIntensity(intensity, new IntensityImage([c0, c1], shape, PixelType.UInt16), Options);
        return (segmentation, intensity);
    }

    /// <summary>
    /// 64 × 64, two channels over two 16 × 16 objects. Object 1 (x, y in 4..19): a = 3x + y,
    /// b = 2a + 10 + 4 ((x + y) mod 3), a rising cloud. Object 2 (x, y in 30..45): a = x + 2y,
    /// b = 300 − a, a falling line. Background: both 5.
    /// </summary>
    public (string Segmentation, string Intensity) CorrelatedChannels()
    {
        var shape = ImageShape.Of2D(64, 64);
        var a = new ushort[shape.Length];
        var b = new ushort[shape.Length];
        var labels = new uint[shape.Length];
        for (int y = 0; y < 64; y++)
            for (int x = 0; x < 64; x++)
            {
                int i = y * 64 + x;
                (a[i], b[i]) = ((ushort)5, (ushort)5);
                if (x is >= 4 and < 20 && y is >= 4 and < 20)
                {
                    labels[i] = 1;
                    a[i] = (ushort)(3 * x + y);
                    b[i] = (ushort)(2 * a[i] + 10 + 4 * ((x + y) % 3));
                }
                else if (x is >= 30 and < 46 && y is >= 30 and < 46)
                {
                    labels[i] = 2;
                    a[i] = (ushort)(x + 2 * y);
                    b[i] = (ushort)(300 - a[i]);
                }
            }

        var segmentation = Path.Combine(Folder, "coloc-seg.tif");
        var intensity = Path.Combine(Folder, "coloc.tif");
        ImageFile.WriteLabels(segmentation, new LabelImage(labels, shape), Options);
        ImageFile.WriteIntensity(intensity, new IntensityImage([a, b], shape, PixelType.UInt16), Options);
        return (segmentation, intensity);
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
