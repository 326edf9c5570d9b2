using System.Runtime.CompilerServices;

namespace SegMeasure.Core.Measurement.Engine;

/// <summary>
/// Puts the elements of the requested ranks in their sorted positions without sorting the rest
/// (multi-rank introselect with three-way partitioning, so repeated values — common in integer
/// images — cost nothing extra). Medians and percentiles need a dozen ranks, not a full sort.
/// </summary>
internal static class OrderStatistics
{
    private const int SmallRange = 24;

    /// <summary>After the call, values[r] holds the r-th smallest value for every r in <paramref name="ranks"/> (sorted ascending).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Select<T>(Span<T> values, ReadOnlySpan<int> ranks) where T : struct, IComparable<T>
    {
        int depthLimit = 2 * (int)Math.Log2(values.Length + 1) + 4;
        Select(values, 0, ranks, depthLimit);
    }

    private static void Select<T>(Span<T> a, int offset, ReadOnlySpan<int> ranks, int depth) where T : struct, IComparable<T>
    {
        // a is the subrange starting at absolute position offset; ranks are absolute and inside it.
        while (ranks.Length > 0)
        {
            if (a.Length <= SmallRange || depth-- <= 0)
            {
                a.Sort();
                return;
            }

            T pivot = MedianOfThree(a[0], a[a.Length / 2], a[^1]);
            // Three-way partition: [0, lt) < pivot, [lt, gt) == pivot, [gt, n) > pivot.
            int lt = 0, i = 0, gt = a.Length;
            while (i < gt)
            {
                int c = a[i].CompareTo(pivot);
                if (c < 0) (a[lt], a[i]) = (a[i++], a[lt++]);
                else if (c > 0) (a[i], a[--gt]) = (a[gt], a[i]);
                else i++;
            }

            int below = 0;
            while (below < ranks.Length && ranks[below] < offset + lt) below++;
            int above = below;
            while (above < ranks.Length && ranks[above] < offset + gt) above++;
            var left = ranks[..below];
            var right = ranks[above..];
            // Recurse into the smaller side, loop on the larger.
            if (lt < a.Length - gt)
            {
                if (left.Length > 0) Select(a[..lt], offset, left, depth);
                offset += gt;
                a = a[gt..];
                ranks = right;
            }
            else
            {
                if (right.Length > 0) Select(a[gt..], offset + gt, right, depth);
                a = a[..lt];
                ranks = left;
            }
        }
    }

    private static T MedianOfThree<T>(T x, T y, T z) where T : IComparable<T>
    {
        if (x.CompareTo(y) > 0) (x, y) = (y, x);
        if (y.CompareTo(z) > 0) y = z;
        return x.CompareTo(y) > 0 ? x : y;
    }
}
