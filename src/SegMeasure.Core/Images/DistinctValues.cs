using System.Numerics;

namespace SegMeasure.Core.Images;

/// <summary>Counts distinct non-zero values of integer sample arrays (the number of labels in a label image).</summary>
public static class DistinctValues
{
    /// <summary>Distinct non-zero values; null for floating-point arrays. 8/16-bit types use a presence table,
    /// wider ones a hash set consulted once per run of equal values (label images are mostly runs).</summary>
    public static long? CountNonZero(Array samples) => samples switch
    {
        byte[] a => CountSmall(a),
        sbyte[] a => CountSmall(a),
        ushort[] a => CountSmall(a),
        short[] a => CountSmall(a),
        uint[] a => CountWide(a),
        int[] a => CountWide(a),
        ulong[] a => CountWide(a),
        long[] a => CountWide(a),
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
