using System.Buffers;
using System.Runtime.CompilerServices;
using SegMeasure.Core.Measurement.Engine;

namespace SegMeasure.Core.Measurement.Geometry;

/// <summary>
/// Pixel count of a 2D object's convex hull image, as scikit-image's <c>convex_hull_image</c>
/// rasterises it (see <see cref="ConvexHullImage"/>): the pixel centres inside or on the hull of
/// the pixel-edge midpoints of the row ends. Works from <see cref="RowExtents"/> in doubled
/// integer coordinates (pixel (y, x) at (2y, 2x)), so every test is exact and no mask is needed.
/// </summary>
/// <remarks>
/// On every doubled row only the leftmost and rightmost midpoint can be a hull vertex, and the
/// hull between two heights spans from the convex minorant of the leftmost points to the concave
/// majorant of the rightmost ones: any point between them is a convex combination of points on
/// the same side. Each envelope is one pass over points already in row order, and the rows are
/// then read off both envelopes with cursors that only move forward — O(rows) per object.
/// </remarks>
[SkipLocalsInit] // scratch is written before it is read; zeroing it per object is wasted work
internal static class PixelHull
{
    /// <summary>Objects up to this many rows keep their scratch on the stack.</summary>
    private const int StackRowLimit = 64;

    public static long Count(ReadOnlySpan<int> first, ReadOnlySpan<int> last)
    {
        // With 10⁵ small objects, per-object arrays would make the allocator, not the geometry, the cost.
        int lines = 2 * first.Length + 1;
        if (first.Length <= StackRowLimit)
            return Count(first, last, stackalloc long[2 * lines], stackalloc int[4 * lines]);

        var values = ArrayPool<long>.Shared.Rent(2 * lines);
        var indices = ArrayPool<int>.Shared.Rent(4 * lines);
        try
        {
            return Count(first, last, values.AsSpan(0, 2 * lines), indices.AsSpan(0, 4 * lines));
        }
        finally
        {
            ArrayPool<int>.Shared.Return(indices);
            ArrayPool<long>.Shared.Return(values);
        }
    }

    // Optimised from the first call: in a fresh process the first 10⁵ objects would otherwise run unoptimised.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long Count(ReadOnlySpan<int> first, ReadOnlySpan<int> last, Span<long> values, Span<int> indices)
    {
        // Doubled line k (relative to the line just above the top row) of pixel row i is k = 2i + 1;
        // the pixel-edge midpoints of a row end lie on lines 2i (above), 2i + 1 (beside) and 2i + 2 (below).
        // Each side keeps its candidate points as (line, value) in line order.
        int lines = 2 * first.Length + 1;
        var leftValue = values[..lines];
        var rightValue = values[lines..];
        var leftLine = indices[..lines];
        var rightLine = indices.Slice(lines, lines);
        var leftChain = indices.Slice(2 * lines, lines);
        var rightChain = indices.Slice(3 * lines, lines);
        int nLeft = 0, nRight = 0;
        long f0 = 0, l0 = 0; // the row above, when it has pixels
        bool above = false;
        for (int i = 0; i < first.Length; i++)
        {
            if (first[i] == int.MaxValue) // a row the object skips (it is disconnected): the row above ends here
            {
                if (above)
                {
                    Add(leftLine, leftValue, ref nLeft, 2 * i, 2 * f0);
                    Add(rightLine, rightValue, ref nRight, 2 * i, 2 * l0);
                }

                above = false;
                continue;
            }

            long f = first[i], l = last[i];
            if (!above)
            {
                Add(leftLine, leftValue, ref nLeft, 2 * i, 2 * f);
                Add(rightLine, rightValue, ref nRight, 2 * i, 2 * l);
            }
            else
            {
                // The line between two rows whose ends differ by at most one lies on or outside the
                // chord of its neighbours 2i ± 1, so it is no vertex: most lines of round objects.
                if (Math.Abs(f - f0) >= 2) Add(leftLine, leftValue, ref nLeft, 2 * i, 2 * Math.Min(f, f0));
                if (Math.Abs(l - l0) >= 2) Add(rightLine, rightValue, ref nRight, 2 * i, 2 * Math.Max(l, l0));
            }

            Add(leftLine, leftValue, ref nLeft, 2 * i + 1, 2 * f - 1);
            Add(rightLine, rightValue, ref nRight, 2 * i + 1, 2 * l + 1);
            (f0, l0, above) = (f, l, true);
        }

        // The top and bottom rows are never skipped, so both envelopes run from line 0 to the last line.
        Add(leftLine, leftValue, ref nLeft, lines - 1, 2 * f0);
        Add(rightLine, rightValue, ref nRight, lines - 1, 2 * l0);
        leftLine = leftLine[..nLeft];
        rightLine = rightLine[..nRight];
        leftChain = leftChain[..Envelope(leftLine, leftValue, leftChain, convex: true)];
        rightChain = rightChain[..Envelope(rightLine, rightValue, rightChain, convex: false)];

        long pixels = 0;
        int a = 0, b = 0;
        for (int i = 0; i < first.Length; i++)
        {
            int k = 2 * i + 1;
            // Stop on the last vertex at or before k: where a row end is a hull vertex it is read without dividing.
            while (leftLine[leftChain[a + 1]] <= k) a++;
            while (rightLine[rightChain[b + 1]] <= k) b++;
            // Pixel x (at v = 2x) is inside when leftEnvelope(k) ≤ 2x ≤ rightEnvelope(k).
            long lo = At(leftLine, leftValue, leftChain[a], leftChain[a + 1], k).Ceiling;
            long hi = At(rightLine, rightValue, rightChain[b], rightChain[b + 1], k).Floor;
            if (hi >= lo) pixels += hi - lo + 1;
        }

        return pixels;
    }

    private static void Add(Span<int> lines, Span<long> values, ref int count, int line, long value)
    {
        lines[count] = line;
        values[count++] = value;
    }

    /// <summary>
    /// The candidates that are vertices of the lower convex (or upper concave) envelope of
    /// value over line, in order, written to <paramref name="chain"/>; returns how many there are.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Envelope(ReadOnlySpan<int> line, ReadOnlySpan<long> v, Span<int> chain, bool convex)
    {
        int n = 0;
        for (int c = 0; c < line.Length; c++)
        {
            while (n >= 2)
            {
                int p = chain[n - 2], q = chain[n - 1];
                // q stays only if the slope turns strictly (p→q below p→c for the convex side).
                long turn = (v[q] - v[p]) * (line[c] - line[q]) - (v[c] - v[q]) * (line[q] - line[p]);
                if (convex ? turn < 0 : turn > 0) break;
                n--;
            }

            chain[n++] = c;
        }

        return n;
    }

    /// <summary>⌊v(k)/2⌋ and ⌈v(k)/2⌉ on the envelope edge from candidate p to candidate q (line p ≤ k ≤ line q).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (long Floor, long Ceiling) At(ReadOnlySpan<int> line, ReadOnlySpan<long> v, int p, int q, int k)
    {
        int from = line[p];
        if (k == from) return (v[p] >> 1, (v[p] + 1) >> 1); // halving rounds by shifts
        long den = line[q] - from;
        return LatticeMath.FloorAndCeiling(v[p] * den + (k - from) * (v[q] - v[p]), 2 * den);
    }
}
