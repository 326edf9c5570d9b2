using BitMiracle.LibTiff.Classic;
using LibTiff = BitMiracle.LibTiff.Classic.Tiff;
using LibTiffTag = BitMiracle.LibTiff.Classic.TiffTag;

namespace SegMeasure.Core.Tests.Tiff;

/// <summary>
/// A second, independent TIFF reader for the tests: LibTiff.NET's own scanline and tile API
/// (not the band decoder the core uses), giving each page's samples as little-endian bytes in
/// row-major order, planes one after another — the layout of our reader's series array.
/// Bilevel rows are unpacked to one byte per pixel.
/// </summary>
public static class LibTiffReference
{
    public static byte[] ReadPage(string path, int page)
    {
        using var tif = LibTiff.Open(path, "r") ?? throw new InvalidOperationException($"LibTiff.NET cannot open {path}");
        if (!tif.SetDirectory((short)page)) throw new InvalidOperationException($"{path}: no page {page}");
        int width = tif.GetField(LibTiffTag.IMAGEWIDTH)[0].ToInt();
        int height = tif.GetField(LibTiffTag.IMAGELENGTH)[0].ToInt();
        int bits = tif.GetFieldDefaulted(LibTiffTag.BITSPERSAMPLE)[0].ToInt();
        int spp = tif.GetFieldDefaulted(LibTiffTag.SAMPLESPERPIXEL)[0].ToInt();
        bool separate = spp > 1 && tif.GetFieldDefaulted(LibTiffTag.PLANARCONFIG)[0].ToInt() == (int)PlanarConfig.SEPARATE;
        if (tif.GetField(LibTiffTag.PHOTOMETRIC)?[0].ToInt() == (int)Photometric.YCBCR && tif.GetField(LibTiffTag.COMPRESSION)[0].ToInt() == (int)Compression.JPEG)
            tif.SetField(LibTiffTag.JPEGCOLORMODE, JpegColorMode.RGB);
        int planes = separate ? spp : 1;
        int planeSpp = separate ? 1 : spp;
        int bytesPerSample = Math.Max(1, bits / 8);
        int rowBytes = width * planeSpp * bytesPerSample;
        var result = new byte[(long)rowBytes * height * planes];

        var row = new byte[Math.Max(tif.ScanlineSize(), 1)];
        for (int plane = 0; plane < planes; plane++)
        {
            if (tif.IsTiled())
            {
                int tw = tif.GetField(LibTiffTag.TILEWIDTH)[0].ToInt(), th = tif.GetField(LibTiffTag.TILELENGTH)[0].ToInt();
                var tile = new byte[tif.TileSize()];
                int tileRowBytes = tif.TileRowSize();
                for (int y0 = 0; y0 < height; y0 += th)
                    for (int x0 = 0; x0 < width; x0 += tw)
                    {
                        if (tif.ReadTile(tile, 0, x0, y0, 0, (short)plane) < 0) throw new InvalidOperationException($"{path}: tile at {x0},{y0} unreadable");
                        for (int r = 0; r < th && y0 + r < height; r++)
                            Place(tile.AsSpan(r * tileRowBytes, tileRowBytes), Math.Min(tw, width - x0), bits, planeSpp,
                                result.AsSpan((int)(((long)plane * height + y0 + r) * rowBytes) + x0 * planeSpp * bytesPerSample));
                    }
            }
            else
            {
                for (int y = 0; y < height; y++)
                {
                    if (!tif.ReadScanline(row, y, (short)plane)) throw new InvalidOperationException($"{path}: row {y} unreadable");
                    Place(row, width, bits, planeSpp, result.AsSpan((int)(((long)plane * height + y) * rowBytes)));
                }
            }
        }

        return result;
    }

    private static void Place(ReadOnlySpan<byte> source, int pixels, int bits, int spp, Span<byte> target)
    {
        if (bits == 1)
        {
            for (int i = 0; i < pixels * spp; i++) target[i] = (byte)((source[i >> 3] >> (7 - (i & 7))) & 1);
            return;
        }

        int n = pixels * spp * (bits / 8);
        source[..n].CopyTo(target);
    }
}
