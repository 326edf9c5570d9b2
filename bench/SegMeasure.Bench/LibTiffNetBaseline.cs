using LibTiff = BitMiracle.LibTiff.Classic.Tiff;

namespace SegMeasure.Bench;

/// <summary>LibTiff.NET decoding every strip of a file's first page on one thread, the way a caller of its strip API would.</summary>
internal static class LibTiffNetBaseline
{
    public static long DecodeAllStrips(string path)
    {
        using var tif = LibTiff.Open(path, "r") ?? throw new InvalidOperationException($"LibTiff.NET cannot open {path}");
        var buffer = new byte[tif.StripSize()];
        long total = 0;
        for (int strip = 0; strip < tif.NumberOfStrips(); strip++)
        {
            int n = tif.ReadEncodedStrip(strip, buffer, 0, -1);
            if (n < 0) throw new InvalidOperationException($"{path}: strip {strip} unreadable by LibTiff.NET");
            total += n;
        }

        return total;
    }
}
