using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json;

namespace SegMeasure.Core.Zarr;

/// <summary>
/// One bytes-to-bytes codec of a chunk's pipeline: zlib, gzip, zstd, blosc or crc32c (v3), as
/// named in the metadata. Decoding checks the output size, so a chunk that inflates to more
/// than its declared size (a bomb, or the wrong array's chunk) is refused before it is kept.
/// </summary>
internal sealed record ZarrByteCodec(string Name)
{
    private static readonly HashSet<string> Known = ["zlib", "gzip", "zstd", "blosc", "crc32c"];

    public static ZarrByteCodec From(string name, string file) =>
        Known.Contains(name) ? new ZarrByteCodec(name)
            : throw new ZarrFormatException($"unsupported codec \"{name}\" (supported: zlib, gzip, zstd, blosc, crc32c)", file, ErrorKind.NotSupported);

    /// <summary>Decodes <paramref name="input"/>; <paramref name="maxOutput"/> bounds what the result may hold.</summary>
    public byte[] Decode(byte[] input, int maxOutput)
    {
        switch (Name)
        {
            case "zlib":
                return Inflate(new ZLibStream(new MemoryStream(input), CompressionMode.Decompress), maxOutput);
            case "gzip":
                return Inflate(new GZipStream(new MemoryStream(input), CompressionMode.Decompress), maxOutput);
            case "zstd":
            {
                using var zstd = new ZstdSharp.Decompressor();
                var output = new byte[maxOutput];
                int n = zstd.Unwrap(input, output);
                return n == output.Length ? output : output.AsSpan(0, n).ToArray();
            }
            case "blosc":
                if (BloscFrame.DecodedLength(input) > maxOutput)
                    throw new InvalidDataException($"blosc frame declares {BloscFrame.DecodedLength(input)} bytes, more than the chunk's {maxOutput}");
                return BloscFrame.Decode(input);
            case "crc32c":
            {
                if (input.Length < 4) throw new InvalidDataException("crc32c: fewer than 4 bytes");
                var data = input.AsSpan(0, input.Length - 4);
                var stored = BinaryPrimitives.ReadUInt32LittleEndian(input.AsSpan(input.Length - 4));
                if (Crc32C.Compute(data) != stored) throw new InvalidDataException("crc32c checksum mismatch");
                return data.ToArray();
            }
            default:
                throw new InvalidOperationException(Name);
        }
    }

    private static byte[] Inflate(Stream stream, int maxOutput)
    {
        using (stream)
        {
            var output = new byte[maxOutput];
            int n = stream.ReadAtLeast(output, output.Length, throwOnEndOfStream: false);
            if (n == output.Length && stream.ReadByte() >= 0) throw new InvalidDataException($"chunk inflates to more than its {maxOutput} bytes");
            return n == output.Length ? output : output.AsSpan(0, n).ToArray();
        }
    }

    /// <summary>Zarr v2's compressor object: {"id": "blosc", ...}; null means none.</summary>
    public static ZarrByteCodec? FromV2Compressor(JsonElement? compressor, string file)
    {
        if (compressor is not { } c) return null;
        if (c.ValueKind != JsonValueKind.Object) throw new ZarrFormatException("\"compressor\" is not an object", file);
        var id = c.String("id") ?? throw new ZarrFormatException("the compressor has no \"id\"", file);
        return From(id, file);
    }
}
