using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SegMeasure.Core.Tiff;

/// <summary>
/// The Adler-32 checksum that ends every zlib stream (RFC 1950). Computed here, 16 or 32 bytes at
/// a time (SSSE3, which every x64 build may assume, or AVX2), so that Deflate strips can be
/// inflated raw: the system's zlib sums the output bytes one at a time, which cost about a
/// twentieth of a whole measurement of Deflate files.
/// </summary>
internal static class Adler32
{
    private const uint Modulus = 65521;

    // The most bytes whose sums cannot overflow 32 bits before the modulus is taken (zlib's NMAX), in whole 32-byte blocks.
    private const int Chunk = 5552 / 32 * 32;

    public static uint Of(ReadOnlySpan<byte> data) => Of(data, Avx2.IsSupported ? 32 : Ssse3.IsSupported ? 16 : 1);

    /// <summary>The checksum of <paramref name="data"/> summed <paramref name="blockBytes"/> at a time: 32 (AVX2), 16 (SSSE3) or 1; tests try each the processor has.</summary>
    internal static uint Of(ReadOnlySpan<byte> data, int blockBytes)
    {
        uint a = 1, b = 0;
        while (blockBytes > 1 && data.Length >= 32)
        {
            int length = Math.Min(data.Length, Chunk) & ~31;
            (a, b) = blockBytes == 32 ? Blocks(data[..length], a, b) : Blocks16(data[..length], a, b);
            data = data[length..];
        }

        while (data.Length > 0)
        {
            int length = Math.Min(data.Length, 5552);
            foreach (var x in data[..length])
            {
                a += x;
                b += a;
            }

            a %= Modulus;
            b %= Modulus;
            data = data[length..];
        }

        return (b << 16) | a;
    }

    /// <summary>
    /// A run of 32-byte blocks: per block, a += Σx and b += 32·a + Σ(32 − t)·x_t. The lanes keep
    /// the block sums (s1), the weighted sums (s2) and the running total of earlier blocks' sums
    /// (earlier), which contributes 32 × itself to b.
    /// </summary>
    private static (uint A, uint B) Blocks(ReadOnlySpan<byte> data, uint a, uint b)
    {
        var weights = Vector256.Create((sbyte)32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17,
            16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1);
        var ones = Vector256.Create((short)1);
        var s1 = Vector256<uint>.Zero;
        var s2 = Vector256<int>.Zero;
        var earlier = Vector256<uint>.Zero;
        for (int offset = 0; offset < data.Length; offset += 32)
        {
            var block = Vector256.Create(data.Slice(offset, 32));
            earlier += s1;
            s1 += Avx2.SumAbsoluteDifferences(block, Vector256<byte>.Zero).AsUInt32();
            s2 += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(block, weights), ones);
        }

        ulong sum1 = Vector256.Sum(s1), weighted = (ulong)Vector256.Sum(s2), before = Vector256.Sum(earlier);
        ulong newB = b + (ulong)data.Length * a + 32 * before + weighted;
        ulong newA = a + sum1;
        return ((uint)(newA % Modulus), (uint)(newB % Modulus));
    }

    /// <summary>The same in 16-byte blocks: per block, b also gains 16 × the earlier blocks' sums.</summary>
    private static (uint A, uint B) Blocks16(ReadOnlySpan<byte> data, uint a, uint b)
    {
        var weights = Vector128.Create((sbyte)16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1);
        var ones = Vector128.Create((short)1);
        var s1 = Vector128<uint>.Zero;
        var s2 = Vector128<int>.Zero;
        var earlier = Vector128<uint>.Zero;
        for (int offset = 0; offset < data.Length; offset += 16)
        {
            var block = Vector128.Create(data.Slice(offset, 16));
            earlier += s1;
            s1 += Sse2.SumAbsoluteDifferences(block, Vector128<byte>.Zero).AsUInt32();
            s2 += Sse2.MultiplyAddAdjacent(Ssse3.MultiplyAddAdjacent(block, weights), ones);
        }

        ulong sum1 = Vector128.Sum(s1), weighted = (ulong)Vector128.Sum(s2), before = Vector128.Sum(earlier);
        ulong newB = b + (ulong)data.Length * a + 16 * before + weighted;
        ulong newA = a + sum1;
        return ((uint)(newA % Modulus), (uint)(newB % Modulus));
    }
}
