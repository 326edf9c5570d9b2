using System.IO.Compression;

namespace SegMeasure.Core.Tiff;

/// <summary>Deflate (compression 8 and the older Adobe code 32946): a zlib stream per strip or tile.</summary>
internal static class DeflateDecoder
{
    public static int Decode(byte[] input, int inputLength, Span<byte> output)
    {
        using var stream = new ZLibStream(new MemoryStream(input, 0, inputLength, writable: false), CompressionMode.Decompress);
        return stream.ReadAtLeast(output, output.Length, throwOnEndOfStream: false);
    }
}
