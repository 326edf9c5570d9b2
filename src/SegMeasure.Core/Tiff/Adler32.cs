using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SegMeasure.Core.Tiff;

/// <summary>
/// The Adler-32 checksum that ends every zlib stream (RFC 1950). Computed here, 16 bytes at a time
/// (SSSE3, which every x64 build may assume, native AOT included), so that Deflate strips can be
/// inflated raw: the system's zlib sums the output bytes one at a time, which cost about a
/// twentieth of a whole measurement of Deflate files.
/// </summary>
internal static class Adler32
{
    private const uint Modulus = 65521;

    // The most bytes whose sums cannot overflow 32 bits before the modulus is taken (zlib's NMAX), in whole 16-byte blocks.
    private const int Chunk = 5552 / 16 * 16;

    public static uint Of(ReadOnlySpan<byte> data) => Of(data, vectorised: Ssse3.IsSupported);

    /// <summary>The checksum of <paramref name="data"/>, 16 bytes at a time when <paramref name="vectorised"/>; tests try both.</summary>
    internal static uint Of(ReadOnlySpan<byte> data, bool vectorised)
    {
        uint a = 1, b = 0;
        while (vectorised && data.Length >= 16)
        {
            int length = Math.Min(data.Length, Chunk) & ~15;
            (a, b) = Blocks(data[..length], a, b);
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
    /// A run of 16-byte blocks: per block, a += Σx and b += 16·a + Σ(16 − t)·x_t. The lanes keep
    /// the block sums (s1), the weighted sums (s2) and the running total of earlier blocks' sums
    /// (earlier), which contributes 16 × itself to b.
    /// </summary>
    private static (uint A, uint B) Blocks(ReadOnlySpan<byte> data, uint a, uint b)
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
