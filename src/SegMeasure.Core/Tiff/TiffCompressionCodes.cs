namespace SegMeasure.Core.Tiff;

/// <summary>Compression codes as found in files: which ones the reader decodes, and names for the rest.</summary>
internal static class TiffCompressionCodes
{
    public const int None = 1;
    public const int Lzw = 5;
    public const int Jpeg = 7;
    public const int Deflate = 8;
    public const int AdobeDeflate = 32946;
    public const int PackBits = 32773;
    public const int OldJpeg = 6;

    /// <summary>Compressions our own codec decodes.</summary>
    public static bool IsSupported(ulong code) => code is None or Lzw or Deflate or AdobeDeflate or PackBits;

    /// <summary>Compressions LibTiff.NET decodes for us (<see cref="LibTiffBandDecoder"/>): CCITT RLE, T.4 and T.6,
    /// old-style and new JPEG, NeXT, CCITT RLEW and ThunderScan.</summary>
    public static bool IsDecodedByLibTiff(ulong code) => code is 2 or 3 or 4 or OldJpeg or Jpeg or 32766 or 32771 or 32809;

    public static string Name(ulong code) => code switch
    {
        None => "none",
        2 => "CCITT RLE",
        3 => "CCITT T.4",
        4 => "CCITT T.6",
        Lzw => "LZW",
        6 => "old-style JPEG",
        Jpeg => "JPEG",
        Deflate => "Deflate",
        AdobeDeflate => "Adobe Deflate",
        PackBits => "PackBits",
        34712 => "JPEG 2000",
        34887 => "LERC",
        34925 => "LZMA",
        50000 => "Zstandard",
        50001 => "WebP",
        50002 => "JPEG XL",
        _ => "unknown",
    };

    /// <summary>
    /// The most bytes <paramref name="compressedBytes"/> of this codec can expand to. Checked
    /// before allocating so a few bytes of a corrupt file cannot demand gigabytes.
    /// (Deflate tops out near 1032:1, PackBits at 64:1; an LZW code yields at most 4096 bytes.)
    /// </summary>
    public static long MaxDecodedBytes(ulong code, ulong compressedBytes) => code switch
    {
        None => (long)Math.Min(compressedBytes, long.MaxValue),
        PackBits => (long)Math.Min(compressedBytes * 64 + 128, long.MaxValue / 2),
        // CCITT codes a blank row in a few bits; JPEG spends at least a few bits per 8x8 block and component.
        2 or 3 or 4 or 32771 => (long)Math.Min(compressedBytes * 65536 + (1 << 20), long.MaxValue / 2),
        OldJpeg or Jpeg => (long)Math.Min(compressedBytes * 4096 + (1 << 20), long.MaxValue / 2),
        Lzw => (long)Math.Min(compressedBytes * 2731 + 4096, long.MaxValue / 2),
        _ => (long)Math.Min(compressedBytes * 1100 + 4096, long.MaxValue / 2),
    };
}
