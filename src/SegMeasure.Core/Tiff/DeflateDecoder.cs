using System.Buffers.Binary;
using System.IO.Compression;

namespace SegMeasure.Core.Tiff;

/// <summary>Deflate (compression 8 and the older Adobe code 32946): a zlib stream per strip or tile.</summary>
internal static class DeflateDecoder
{
    public static int Decode(byte[] input, int inputLength, Span<byte> output)
    {
        // The stream inflated raw after its two-byte header, and its Adler-32 trailer checked here
        // (faster than zlib's own running sum). When the trailer is not the strip's last four bytes
        // (padding, a short strip) or does not match, zlib decodes the whole stream again and judges.
        if (HasPlainHeader(input, inputLength))
        {
            int written;
            using (var raw = new DeflateStream(new MemoryStream(input, 2, inputLength - 2, writable: false), CompressionMode.Decompress))
                written = raw.ReadAtLeast(output, output.Length, throwOnEndOfStream: false);
            if (inputLength >= 6 && BinaryPrimitives.ReadUInt32BigEndian(input.AsSpan(inputLength - 4)) == Adler32.Of(output[..written]))
                return written;
        }

        using var stream = new ZLibStream(new MemoryStream(input, 0, inputLength, writable: false), CompressionMode.Decompress);
        return stream.ReadAtLeast(output, output.Length, throwOnEndOfStream: false);
    }

    /// <summary>A zlib header (RFC 1950) of method 8 with a valid check and no preset dictionary.</summary>
    private static bool HasPlainHeader(byte[] input, int length) =>
        length >= 2 && (input[0] & 0x0F) == 8 && (input[0] >> 4) <= 7 && (input[0] << 8 | input[1]) % 31 == 0 && (input[1] & 0x20) == 0;
}
