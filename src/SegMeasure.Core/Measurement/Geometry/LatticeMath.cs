using System.Runtime.CompilerServices;

namespace SegMeasure.Core.Measurement.Geometry;

/// <summary>Integer arithmetic for the exact geometry predicates (floor/ceiling division, gcd).</summary>
internal static class LatticeMath
{
    /// <summary>⌊a / b⌋ for any signs (b ≠ 0).</summary>
    public static long FloorDiv(long a, long b)
    {
        long q = a / b;
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
    }

    /// <summary>⌈a / b⌉ for any signs (b ≠ 0).</summary>
    public static long CeilDiv(long a, long b)
    {
        long q = a / b;
        return (a % b != 0 && (a < 0) == (b < 0)) ? q + 1 : q;
    }

    /// <summary>⌊a / b⌋ and ⌈a / b⌉ for b &gt; 0 with one division (integer division is the slow step of hull rasterising).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (long Floor, long Ceiling) FloorAndCeiling(long a, long b)
    {
        long q = a / b, r = a - q * b;
        if (r < 0) return (q - 1, q);
        return (q, r == 0 ? q : q + 1);
    }

    public static long Gcd(long a, long b)
    {
        a = Math.Abs(a);
        b = Math.Abs(b);
        while (b != 0)
            (a, b) = (b, a % b);
        return a;
    }
}
