using SegMeasure.Core.Tiff;

namespace SegMeasure.Core.Tests.Tiff;

/// <summary>Round trips of the compression and predictor primitives on data that exercises their edge cases.</summary>
public class CodecTests
{
    public static TheoryData<string> Inputs() => new() { "empty", "random", "runs", "zeros", "text" };

    private static byte[] Make(string kind)
    {
        var random = new Random(42);
        switch (kind)
        {
            case "empty": return [];
            case "random": { var b = new byte[100_000]; random.NextBytes(b); return b; }
            case "zeros": return new byte[300_000];
            case "text": return System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("TOBEORNOTTOBEORTOBEORNOT#", 5000)));
            default:
            {
                var b = new byte[200_000];
                for (int i = 0; i < b.Length;)
                {
                    var run = random.Next(1, 300);
                    var v = (byte)random.Next(0, 6);
                    for (int j = 0; j < run && i < b.Length; j++) b[i++] = v;
                }

                return b;
            }
        }
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Lzw_round_trips(string kind)
    {
        var data = Make(kind);
        var encoded = new LzwEncoder().Encode(data);
        var decoded = new byte[data.Length];
        Assert.Equal(data.Length, LzwDecoder.Decode(encoded, decoded));
        Assert.Equal(data, decoded);
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void PackBits_round_trips(string kind)
    {
        var data = Make(kind);
        var encoded = PackBitsEncoder.Encode(data, 1000);
        var decoded = new byte[data.Length];
        Assert.Equal(data.Length, PackBitsDecoder.Decode(encoded, decoded));
        Assert.Equal(data, decoded);
    }

    [Fact]
    public void PackBits_decodes_the_example_of_the_TIFF_specification()
    {
        byte[] packed = [0xFE, 0xAA, 0x02, 0x80, 0x00, 0x2A, 0xFD, 0xAA, 0x03, 0x80, 0x00, 0x2A, 0x22, 0xF7, 0xAA];
        byte[] unpacked = [0xAA, 0xAA, 0xAA, 0x80, 0x00, 0x2A, 0xAA, 0xAA, 0xAA, 0xAA, 0x80, 0x00, 0x2A, 0x22, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA];
        var output = new byte[unpacked.Length];
        Assert.Equal(unpacked.Length, PackBitsDecoder.Decode(packed, output));
        Assert.Equal(unpacked, output);
    }

    [Fact]
    public void Lzw_rejects_codes_that_are_not_in_the_table()
    {
        // Clear (256) then code 300, which has not been defined: 9-bit codes 100000000 100101100.
        byte[] bad = [0b1000_0000, 0b0100_1011, 0b0000_0000];
        Assert.Throws<InvalidDataException>(() => LzwDecoder.Decode(bad, new byte[16]));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(2, 3)]
    [InlineData(4, 1)]
    [InlineData(8, 2)]
    public void Horizontal_predictor_round_trips(int bytesPerSample, int samplesPerPixel)
    {
        var random = new Random(bytesPerSample * 10 + samplesPerPixel);
        int width = 37, rows = 5;
        var data = new byte[width * samplesPerPixel * bytesPerSample * rows];
        random.NextBytes(data);
        var copy = (byte[])data.Clone();
        Predictor.ApplyHorizontal(copy, bytesPerSample, width * samplesPerPixel, samplesPerPixel);
        Assert.NotEqual(data, copy);
        Predictor.UndoHorizontal(copy, bytesPerSample, width * samplesPerPixel, samplesPerPixel);
        Assert.Equal(data, copy);
    }

    private static byte[] Zlib(byte[] data)
    {
        var buffer = new MemoryStream();
        using (var z = new System.IO.Compression.ZLibStream(buffer, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            z.Write(data);
        return buffer.ToArray();
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(31, 0)]
    [InlineData(32, 0)]
    [InlineData(33, 0)]
    [InlineData(5535, 255)]
    [InlineData(5536, 255)]
    [InlineData(5553, 255)]
    [InlineData(1_000_003, 255)]
    [InlineData(1_000_003, 0)]
    public void Adler32_equals_the_trailer_zlib_writes(int length, int fill)
    {
        // All-255 bytes are the largest sums a chunk can reach before the modulus.
        var data = new byte[length];
        if (fill == 0) new Random(length).NextBytes(data); else Array.Fill(data, (byte)fill);
        var stream = Zlib(data);
        // (Nothing written, nothing compressed: the sum of no bytes is its starting value, 1.)
        uint expected = length == 0 ? 1 : System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(stream.AsSpan(stream.Length - 4));
        Assert.Equal(expected, Adler32.Of(data));
        Assert.Equal(expected, Adler32.Of(data, vectorised: false));
        if (System.Runtime.Intrinsics.X86.Ssse3.IsSupported) Assert.Equal(expected, Adler32.Of(data, vectorised: true));
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Deflate_strips_inflate_raw_and_a_damaged_checksum_is_not_accepted(string kind)
    {
        var data = Make(kind);
        if (data.Length == 0) data = [7];
        var stream = Zlib(data);
        var decoded = new byte[data.Length];
        Assert.Equal(data.Length, DeflateDecoder.Decode(stream, stream.Length, decoded));
        Assert.Equal(data, decoded);

        // A strip padded after its trailer still decodes (zlib finds the trailer).
        var padded = stream.Concat(new byte[7]).ToArray();
        Array.Clear(decoded);
        Assert.Equal(data.Length, DeflateDecoder.Decode(padded, padded.Length, decoded));
        Assert.Equal(data, decoded);

        // A wrong checksum: zlib's verdict, as before.
        stream[^1] ^= 0x5A;
        Assert.Throws<InvalidDataException>(() => DeflateDecoder.Decode(stream, stream.Length, new byte[data.Length + 1]));
    }
}

public class CodecLimitTests
{
    [Fact]
    public void Lzw_stops_when_the_output_is_full_and_keeps_the_prefix_exact()
    {
        var data = System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("abcabcabcdddddddddddddddddddddddddeabc", 400)));
        var encoded = new LzwEncoder().Encode(data);
        foreach (var size in new[] { 1, 17, 1000, data.Length - 3 })
        {
            var output = new byte[size];
            Assert.Equal(size, LzwDecoder.Decode(encoded, output));
            Assert.Equal(data.AsSpan(0, size).ToArray(), output);
        }
    }

    [Fact]
    public void Truncated_lzw_input_reports_fewer_bytes()
    {
        var data = new byte[5000];
        new Random(3).NextBytes(data);
        var encoded = new LzwEncoder().Encode(data);
        Assert.True(LzwDecoder.Decode(encoded.AsSpan(0, encoded.Length / 2), new byte[data.Length]) < data.Length);
    }
}
