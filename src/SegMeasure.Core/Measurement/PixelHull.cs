using System.Buffers;
using SegMeasure.Core.Measurement.Geometry;

namespace SegMeasure.Core.Measurement;

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
[System.Runtime.CompilerServices.SkipLocalsInit] // scratch is written before it is read; zeroing it per object is wasted work
internal static class PixelHull
{
    /// <summary>Objects up to this many rows keep their scratch on the stack.</summary>
    private const int StackRowLimit = 64;

    public static long Count(ReadOnlySpan<int> first, ReadOnlySpan<int> last)
    {
        // With 10⁵ small objects, per-object arrays would make the allocator, not the geometry, the cost.
        int lines = 2 * first.Length + 1;
        if (first.Length <= StackRowLimit)
            return Count(first, last, stackalloc long[2 * lines], stackalloc int[2 * lines]);

        var bounds = ArrayPool<long>.Shared.Rent(2 * lines);
        var chains = ArrayPool<int>.Shared.Rent(2 * lines);
        try
        {
            return Count(first, last, bounds.AsSpan(0, 2 * lines), chains.AsSpan(0, 2 * lines));
        }
        finally
        {
            ArrayPool<int>.Shared.Return(chains);
            ArrayPool<long>.Shared.Return(bounds);
        }
    }

    private static long Count(ReadOnlySpan<int> first, ReadOnlySpan<int> last, Span<long> bounds, Span<int> chains)
    {
        // Doubled line k (relative to the line just above the top row) of pixel row i is k = 2i + 1;
        // the pixel-edge midpoints of a row end lie on lines 2i (above), 2i + 1 (beside) and 2i + 2 (below).
        int lines = 2 * first.Length + 1;
        var left = bounds[..lines];
        var right = bounds[lines..];
        left.Fill(long.MaxValue);
        right.Fill(long.MinValue);
        for (int i = 0; i < first.Length; i++)
        {
            if (first[i] == int.MaxValue) continue; // a row the object skips (it is disconnected)
            long f = 2L * first[i], l = 2L * last[i];
            Widen(left, right, 2 * i, f, l);
            Widen(left, right, 2 * i + 1, f - 1, l + 1);
            Widen(left, right, 2 * i + 2, f, l);
        }

        // The top and bottom rows are never skipped, so both envelopes start at line 0 and end at the last line.
        var leftEnvelope = chains[..Envelope(left, chains[..lines], convex: true)];
        var rightEnvelope = chains.Slice(lines, Envelope(right, chains[lines..], convex: false));
        long pixels = 0;
        int a = 0, b = 0;
        for (int i = 0; i < first.Length; i++)
        {
            int k = 2 * i + 1;
            // Stop on the last vertex at or before k: where a row end is a hull vertex it is read without dividing.
            while (leftEnvelope[a + 1] <= k) a++;
            while (rightEnvelope[b + 1] <= k) b++;
            // Pixel x (at v = 2x) is inside when leftEnvelope(k) ≤ 2x ≤ rightEnvelope(k).
            long lo = At(left, leftEnvelope[a], leftEnvelope[a + 1], k).Ceiling;
            long hi = At(right, rightEnvelope[b], rightEnvelope[b + 1], k).Floor;
            if (hi >= lo) pixels += hi - lo + 1;
        }

        return pixels;
    }

    /// <summary>
    /// Lines whose points are vertices of the lower convex (or upper concave) envelope of
    /// v(k), in order; lines without a point are skipped. Returns how many there are.
    /// </summary>
    private static int Envelope(ReadOnlySpan<long> v, Span<int> chain, bool convex)
    {
        long missing = convex ? long.MaxValue : long.MinValue;
        int n = 0;
        for (int c = 0; c < v.Length; c++)
        {
            if (v[c] == missing) continue;
            while (n >= 2)
            {
                int p = chain[n - 2], q = chain[n - 1];
                // q stays only if the slope turns strictly (p→q below p→c for the convex side).
                long turn = (v[q] - v[p]) * (c - q) - (v[c] - v[q]) * (q - p);
                if (convex ? turn < 0 : turn > 0) break;
                n--;
            }

            chain[n++] = c;
        }

        return n;
    }

    /// <summary>⌊v(k)/2⌋ and ⌈v(k)/2⌉ on the envelope edge from line p to line q (p ≤ k ≤ q).</summary>
    private static (long Floor, long Ceiling) At(ReadOnlySpan<long> v, int p, int q, int k)
    {
        if (k == p) return (v[p] >> 1, (v[p] + 1) >> 1); // halving rounds by shifts
        long den = q - p;
        return LatticeMath.FloorAndCeiling(v[p] * den + (k - p) * (v[q] - v[p]), 2 * den);
    }

    private static void Widen(Span<long> left, Span<long> right, int line, long from, long to)
    {
        if (from < left[line]) left[line] = from;
        if (to > right[line]) right[line] = to;
    }
}
