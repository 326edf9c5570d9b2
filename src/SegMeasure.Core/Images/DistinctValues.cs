using System.Numerics;

namespace SegMeasure.Core.Images;

/// <summary>Counts distinct non-zero values of integer sample arrays (the number of labels in a label image).</summary>
internal static class DistinctValues
{
    /// <summary>Distinct non-zero values; null for floating-point arrays. 8/16-bit types use a presence table,
    /// wider ones a hash set consulted once per run of equal values (label images are mostly runs).</summary>
    /// Signedness does not matter for counting, so arrays are matched by element size only.
    public static long? CountNonZero(Array samples) => samples switch
    {
        byte[] or sbyte[] => CountSmall((byte[])samples),
        ushort[] or short[] => CountSmall((ushort[])samples),
        uint[] or int[] => CountWide((uint[])samples),
        ulong[] or long[] => CountWide((ulong[])samples),
        _ => null,
    };

    private static long CountSmall<T>(T[] samples) where T : unmanaged, IBinaryInteger<T>
    {
        // Reinterpreting as unsigned keeps 0 at index 0 and gives every other value its own slot.
        var seen = new bool[65536];
        foreach (var v in samples) seen[ushort.CreateTruncating(v)] = true;
        seen[0] = false;
        return seen.Count(s => s);
    }

    private static long CountWide<T>(T[] samples) where T : unmanaged, IBinaryInteger<T>
    {
        var seen = new HashSet<T>();
        T previous = T.Zero;
        foreach (var v in samples)
        {
            if (v == previous) continue;
            previous = v;
            seen.Add(v);
        }

        seen.Remove(T.Zero);
        return seen.Count;
    }
}
