using SegMeasure.Core.Images;
using SegMeasure.Core.Tiff;

namespace SegMeasure.Bench;

/// <summary>The viewer benchmarks' label images: square objects of a given pitch in a grid, with a background border around each.</summary>
internal static class ViewerBenchImages
{
    /// <summary>Writes a <paramref name="size"/>² uint32 segmentation of (size / pitch)² objects; returns its path.</summary>
    public static string WriteGrid(string folder, string name, int size, int pitch)
    {
        var labels = new uint[(long)size * size];
        int cells = size / pitch, border = Math.Max(1, pitch / 16);
        Parallel.For(0, size, y =>
        {
            for (int x = 0; x < size; x++)
            {
                bool inside = x % pitch >= border && x % pitch < pitch - border && y % pitch >= border && y % pitch < pitch - border;
                labels[(long)y * size + x] = inside && x / pitch < cells && y / pitch < cells ? (uint)(y / pitch * cells + x / pitch + 1) : 0;
            }
        });
        var path = Path.Combine(folder, name);
        ImageFile.WriteLabels(path, new LabelImage(labels, ImageShape.Of2D(size, size)),
            new TiffWriteOptions { Compression = TiffCompression.None, Overwrite = true });
        return path;
    }
}
