using System.Buffers.Binary;
using SegMeasure.Core.Images;

namespace SegMeasure.Viewer;

/// <summary>
/// Cuts square tiles out of a pyramid of an image for the page: level 0 is full resolution,
/// level L takes every 2^L-th pixel (nearest sample: label ids must never be averaged into ids
/// that do not exist). Values travel little-endian: labels as uint32, intensities as float32.
/// </summary>
internal static class TileEncoder
{
    public const int TileSize = 512;

    /// <summary>The size of <paramref name="level"/>: each side halved (rounded up) per level.</summary>
    public static (int Width, int Height) LevelSize(ImageShape shape, int level) =>
        ((shape.Width + (1 << level) - 1) >> level, (shape.Height + (1 << level) - 1) >> level);

    /// <summary>Levels until the whole image fits one tile.</summary>
    public static int LevelCount(ImageShape shape)
    {
        int levels = 1;
        while (Math.Max(LevelSize(shape, levels - 1).Width, LevelSize(shape, levels - 1).Height) > TileSize) levels++;
        return levels;
    }

    /// <summary>The tile's pixel extent, or null when it lies outside the level.</summary>
    public static (int X0, int Y0, int Width, int Height)? Extent(ImageShape shape, int z, int level, int tx, int ty)
    {
        if (z < 0 || z >= shape.Depth || level < 0 || level >= LevelCount(shape) || tx < 0 || ty < 0) return null;
        var (w, h) = LevelSize(shape, level);
        int x0 = tx * TileSize, y0 = ty * TileSize;
        if (x0 >= w || y0 >= h) return null;
        return (x0, y0, Math.Min(TileSize, w - x0), Math.Min(TileSize, h - y0));
    }

    public static byte[] Labels(uint[] data, ImageShape shape, int z, int level, (int X0, int Y0, int Width, int Height) e)
    {
        var bytes = new byte[e.Width * e.Height * 4];
        for (int y = 0; y < e.Height; y++)
        {
            long rowStart = shape.IndexOf(z, (e.Y0 + y) << level, 0);
            var target = bytes.AsSpan(y * e.Width * 4);
            for (int x = 0; x < e.Width; x++)
                BinaryPrimitives.WriteUInt32LittleEndian(target[(x * 4)..], data[rowStart + ((long)(e.X0 + x) << level)]);
        }

        return bytes;
    }

    public static byte[] Intensities(IntensityImage image, int channel, int z, int level, (int X0, int Y0, int Width, int Height) e)
    {
        var bytes = new byte[e.Width * e.Height * 4];
        var row = new float[e.Width];
        for (int y = 0; y < e.Height; y++)
        {
            long rowStart = image.Shape.IndexOf(z, (e.Y0 + y) << level, e.X0 << level);
            ChannelSamples.Gather(image, channel, rowStart, e.Width, 1 << level, row);
            var target = bytes.AsSpan(y * e.Width * 4);
            for (int x = 0; x < e.Width; x++) BinaryPrimitives.WriteSingleLittleEndian(target[(x * 4)..], row[x]);
        }

        return bytes;
    }
}
