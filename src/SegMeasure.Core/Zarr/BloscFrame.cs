using System.Buffers.Binary;
using System.IO.Compression;
using K4os.Compression.LZ4;

namespace SegMeasure.Core.Zarr;

/// <summary>
/// Decodes one blosc (version 1 format) frame, the chunk compressor numcodecs writes by default.
/// A 16-byte header (format versions, flags, type size, decoded size, block size, frame size),
/// then either the raw bytes (memcpy flag) or a table of block starts and the blocks. Each block
/// is one stream, or — unless the "don't split" flag is set — one stream per byte of the type,
/// each prefixed by its compressed length (equal to the decoded length when stored raw). The
/// inner codec is named in the flags' top three bits: BloscLZ, LZ4, zlib or zstd (Snappy is
/// not supported). Blocks are then un-shuffled (byte or bit shuffle) into place.
/// </summary>
internal static class BloscFrame
{
    private const int HeaderLength = 16;
    private const byte ByteShuffleFlag = 0x1;
    private const byte MemcpyFlag = 0x2;
    private const byte BitShuffleFlag = 0x4;
    private const byte DontSplitFlag = 0x10;

    /// <summary>The decoded size a frame declares; throws on a frame too short for its header.</summary>
    public static int DecodedLength(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < HeaderLength) throw new InvalidDataException($"blosc frame of {frame.Length} bytes is shorter than its 16-byte header");
        return BinaryPrimitives.ReadInt32LittleEndian(frame[4..]);
    }

    /// <summary>Decodes a whole frame; the caller bounds <see cref="DecodedLength"/> first, since the output is allocated at that size.</summary>
    public static byte[] Decode(ReadOnlySpan<byte> frame)
    {
        int decoded = DecodedLength(frame);
        byte version = frame[0], flags = frame[2];
        int typeSize = frame[3];
        int blockSize = BinaryPrimitives.ReadInt32LittleEndian(frame[8..]);
        int frameSize = BinaryPrimitives.ReadInt32LittleEndian(frame[12..]);
        if (version is 0 or > 4) throw new InvalidDataException($"unknown blosc format version {version}");
        if (decoded < 0 || frameSize < HeaderLength || frameSize > frame.Length)
            throw new InvalidDataException($"blosc header declares {decoded} decoded bytes in a frame of {frameSize} bytes, but {frame.Length} bytes are present (truncated frame?)");
        if (typeSize == 0) typeSize = 1;
        frame = frame[..frameSize];
        var output = new byte[decoded];
        if (decoded == 0) return output;
        if ((flags & MemcpyFlag) != 0)
        {
            if (frameSize - HeaderLength < decoded) throw new InvalidDataException("stored blosc frame is shorter than its declared size");
            frame.Slice(HeaderLength, decoded).CopyTo(output);
            return output;
        }

        if (blockSize <= 0) throw new InvalidDataException($"implausible blosc block size {blockSize}");
        int blocks = (int)(((long)decoded + blockSize - 1) / blockSize);
        if ((long)HeaderLength + 4L * blocks > frameSize) throw new InvalidDataException($"blosc frame too short for its {blocks} block starts");
        var codec = flags >> 5;
        bool shuffled = (flags & (ByteShuffleFlag | BitShuffleFlag)) != 0;
        var scratch = shuffled ? new byte[Math.Min(blockSize, decoded)] : [];
        for (int b = 0; b < blocks; b++)
        {
            int start = BinaryPrimitives.ReadInt32LittleEndian(frame[(HeaderLength + 4 * b)..]);
            if (start < HeaderLength || start >= frameSize) throw new InvalidDataException($"blosc block {b} starts at {start}, outside the frame");
            int length = Math.Min(blockSize, decoded - b * blockSize);
            bool leftover = length < blockSize;
            var target = output.AsSpan(b * blockSize, length);
            var streamsTarget = shuffled ? scratch.AsSpan(0, length) : target;
            int streams = (flags & DontSplitFlag) == 0 && !leftover && typeSize > 1 && length % typeSize == 0 ? typeSize : 1;
            int streamLength = length / streams;
            int at = start;
            for (int s = 0; s < streams; s++)
            {
                if (at + 4 > frameSize) throw new InvalidDataException($"blosc block {b} runs past the end of the frame");
                int compressed = BinaryPrimitives.ReadInt32LittleEndian(frame[at..]);
                at += 4;
                if (compressed < 0 || at + compressed > frameSize) throw new InvalidDataException($"blosc block {b} declares {compressed} bytes past the end of the frame");
                var source = frame.Slice(at, compressed);
                var destination = streamsTarget.Slice(s * streamLength, streamLength);
                if (compressed == streamLength) source.CopyTo(destination);
                else
                {
                    int n = Inflate(codec, source, destination);
                    if (n != streamLength) throw new InvalidDataException($"blosc block {b} decodes to {n} of {streamLength} bytes");
                }

                at += compressed;
            }

            if ((flags & BitShuffleFlag) != 0) Shuffle.UndoBitShuffle(streamsTarget, target, typeSize);
            else if ((flags & ByteShuffleFlag) != 0) Shuffle.UndoByteShuffle(streamsTarget, target, typeSize);
        }

        return output;
    }

    private static int Inflate(int codec, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        switch (codec)
        {
            case 0:
                return BloscLz.Decode(source, destination);
            case 1:
                int n = LZ4Codec.Decode(source, destination);
                if (n < 0) throw new InvalidDataException("corrupt LZ4 data in a blosc block");
                return n;
            case 3:
                using (var z = new ZLibStream(new MemoryStream(source.ToArray()), CompressionMode.Decompress))
                    return z.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false);
            case 4:
                using (var zstd = new ZstdSharp.Decompressor())
                    return zstd.Unwrap(source, destination);
            case 2:
                throw new NotSupportedException("blosc chunks compressed with Snappy are not supported (re-save with lz4, zstd or zlib)");
            default:
                throw new InvalidDataException($"unknown blosc inner codec {codec}");
        }
    }
}
