namespace SegMeasure.Core.Postprocessing;

/// <summary>
/// 32-bit priorities that order voxels exactly as their landscape values do (equal values get
/// equal priorities), so the flood queue compares integers. Values that are all exactly
/// representable as 32-bit floats (every 8/16-bit image, float32, small integers) map to the
/// float's bits made order-preserving; anything else is ranked by sorting the distinct values.
/// </summary>
internal static class LandscapeOrder
{
    public static uint[] Of(double[] values)
    {
        var order = new uint[values.Length];
        bool fitsFloat = true;
        for (int i = 0; i < values.Length; i++)
        {
            float f = (float)values[i];
            if (f != values[i]) { fitsFloat = false; break; }
            order[i] = OrderedBits(f == 0 ? 0f : f); // -0 and +0 are equal values
        }

        if (fitsFloat) return order;

        var distinct = (double[])values.Clone();
        Array.Sort(distinct);
        int unique = 0;
        for (int i = 0; i < distinct.Length; i++)
            if (i == 0 || distinct[i] != distinct[unique - 1]) distinct[unique++] = distinct[i];
        for (int i = 0; i < values.Length; i++)
            order[i] = (uint)Array.BinarySearch(distinct, 0, unique, values[i]);
        return order;
    }

    private static uint OrderedBits(float f)
    {
        uint bits = BitConverter.SingleToUInt32Bits(f);
        return (bits & 0x8000_0000) != 0 ? ~bits : bits | 0x8000_0000;
    }
}
