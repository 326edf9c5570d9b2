namespace SegMeasure.Core.Postprocessing;

/// <summary>
/// Dense ranks 0..L−1 that order voxels exactly as their landscape values do (equal values, equal
/// ranks), so flooding can use one queue per level. Values exactly representable as 32-bit floats
/// (every 8/16-bit image, float32, small integers) are ranked by a radix sort of their
/// order-preserving float bits; anything else by sorting the distinct doubles.
/// </summary>
internal static class LandscapeOrder
{
    public static int[] Ranks(double[] values, out int levels)
    {
        int n = values.Length;
        var keys = new ulong[n];
        for (int i = 0; i < n; i++)
        {
            float f = (float)values[i];
            if (f != values[i]) return RanksBySorting(values, out levels);
            keys[i] = ((ulong)OrderedBits(f == 0 ? 0f : f) << 32) | (uint)i; // -0 and +0 are one value
        }

        // Least-significant-digit radix sort on the upper 32 bits (the value), 8 bits per pass.
        var buffer = new ulong[n];
        var counts = new int[256];
        for (int shift = 32; shift < 64; shift += 8)
        {
            Array.Clear(counts);
            foreach (var k in keys) counts[(int)(k >> shift) & 255]++;
            for (int b = 0, sum = 0; b < 256; b++)
            {
                int c = counts[b];
                counts[b] = sum;
                sum += c;
            }

            foreach (var k in keys) buffer[counts[(int)(k >> shift) & 255]++] = k;
            (keys, buffer) = (buffer, keys);
        }

        var ranks = new int[n];
        int rank = -1;
        uint previous = 0;
        for (int s = 0; s < n; s++)
        {
            uint value = (uint)(keys[s] >> 32);
            if (s == 0 || value != previous) rank++;
            previous = value;
            ranks[(int)(uint)keys[s]] = rank;
        }

        levels = rank + 1;
        return ranks;
    }

    private static int[] RanksBySorting(double[] values, out int levels)
    {
        var distinct = (double[])values.Clone();
        Array.Sort(distinct);
        int unique = 0;
        for (int i = 0; i < distinct.Length; i++)
            if (i == 0 || distinct[i] != distinct[unique - 1]) distinct[unique++] = distinct[i];
        var ranks = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
            ranks[i] = Array.BinarySearch(distinct, 0, unique, values[i]);
        levels = unique;
        return ranks;
    }

    private static uint OrderedBits(float f)
    {
        uint bits = BitConverter.SingleToUInt32Bits(f);
        return (bits & 0x8000_0000) != 0 ? ~bits : bits | 0x8000_0000;
    }
}
