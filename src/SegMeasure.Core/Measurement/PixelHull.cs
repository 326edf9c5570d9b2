using System.Buffers;
using SegMeasure.Core.Measurement.Geometry;

namespace SegMeasure.Core.Measurement;

/// <summary>
/// Pixel count of a 2D object's convex hull image, as scikit-image's <c>convex_hull_image</c>
/// rasterises it (see <see cref="ConvexHullImage"/>): the pixel centres inside or on the hull of
/// the pixel-edge midpoints of the row ends. Works from <see cref="RowExtents"/> in doubled
/// integer coordinates (pixel (y, x) at (2y, 2x)), so every test is exact and no mask is needed.
/// </summary>
internal static class PixelHull
{
    /// <summary>Objects up to this many rows keep their scratch on the stack.</summary>
    private const int StackRowLimit = 32;

    public static long Count(int top, ReadOnlySpan<int> first, ReadOnlySpan<int> last)
    {
        // Scratch lives on the stack or comes from the shared pool: with 10⁵ small objects,
        // per-object arrays would make the allocator, not the geometry, the cost.
        int lines = 2 * first.Length + 1;
        int vertexCount = 2 * lines + 2 * (2 * lines) + 1; // candidates, then the chain
        if (first.Length <= StackRowLimit)
            return Count(top, first, last, stackalloc long[2 * lines], stackalloc LatticePoint2[vertexCount]);

        var bounds = ArrayPool<long>.Shared.Rent(2 * lines);
        var vertices = ArrayPool<LatticePoint2>.Shared.Rent(vertexCount);
        try
        {
            return Count(top, first, last, bounds.AsSpan(0, 2 * lines), vertices.AsSpan(0, vertexCount));
        }
        finally
        {
            ArrayPool<LatticePoint2>.Shared.Return(vertices);
            ArrayPool<long>.Shared.Return(bounds);
        }
    }

    private static long Count(int top, ReadOnlySpan<int> first, ReadOnlySpan<int> last, Span<long> bounds, Span<LatticePoint2> vertices)
    {
        // Candidate vertices: on each doubled row u only the leftmost and rightmost midpoints can be
        // hull vertices. Listing them by u, then v, gives the order the monotone chain needs.
        int lines = 2 * first.Length + 1;
        var left = bounds[..lines];
        var right = bounds[lines..];
        left.Fill(long.MaxValue);
        right.Fill(long.MinValue);
        for (int i = 0; i < first.Length; i++)
        {
            if (first[i] == int.MaxValue) continue;
            long f = 2L * first[i], l = 2L * last[i];
            Widen(left, right, 2 * i, f, l);          // u = 2y − 1: midpoints above the row ends
            Widen(left, right, 2 * i + 1, f - 1, l + 1); // u = 2y: midpoints beside them
            Widen(left, right, 2 * i + 2, f, l);      // u = 2y + 1: midpoints below
        }

        var points = vertices[..(2 * lines)];
        int n = 0;
        long u0 = 2L * top - 1;
        for (int k = 0; k < lines; k++)
        {
            if (left[k] == long.MaxValue) continue;
            points[n++] = new LatticePoint2(u0 + k, left[k]);
            if (right[k] != left[k]) points[n++] = new LatticePoint2(u0 + k, right[k]);
        }

        var polygon = MonotoneChain(points[..n], vertices[(2 * lines)..], out int lowerEnd);
        // The chain lists the polygon as two u-monotone halves: polygon[0..peak] with u rising, then
        // polygon[peak..] closing back to polygon[0] with u falling. The edges that touch a row form
        // one contiguous run in each half, so two cursors that only move forward find them all —
        // the same edges, and so the same bounds, as testing every edge on every row.
        int count = polygon.Length, peak = lowerEnd - 1;
        int risingEdges = peak, fallingEdges = count - peak;
        int rising = 0, falling = 0;
        long pixels = 0;
        for (int i = 0; i < first.Length; i++)
        {
            long row = 2L * (top + i);
            long lo = long.MaxValue, hi = long.MinValue;
            // Rising edge k joins polygon[k] and polygon[k + 1].
            while (rising < risingEdges && polygon[rising + 1].U < row) rising++;
            for (int k = rising; k < risingEdges && polygon[k].U <= row; k++)
                Bound(polygon[k], polygon[k + 1], row, ref lo, ref hi);
            // Falling edges taken in rising order: edge t joins polygon[count − t − 1] and polygon[(count − t) mod count].
            while (falling < fallingEdges && polygon[count - falling - 1].U < row) falling++;
            for (int t = falling; t < fallingEdges && polygon[(count - t) % count].U <= row; t++)
                Bound(polygon[count - t - 1], polygon[(count - t) % count], row, ref lo, ref hi);

            if (hi >= lo) pixels += hi - lo + 1;
        }

        return pixels;
    }

    /// <summary>Widens [lo, hi] by the pixel columns where edge a–b meets <paramref name="row"/>, if it does.</summary>
    private static void Bound(LatticePoint2 a, LatticePoint2 b, long row, ref long lo, ref long hi)
    {
        if (row < Math.Min(a.U, b.U) || row > Math.Max(a.U, b.U)) return;
        if (a.U == b.U)
        {
            lo = Math.Min(lo, LatticeMath.CeilDiv(Math.Min(a.V, b.V), 2));
            hi = Math.Max(hi, LatticeMath.FloorDiv(Math.Max(a.V, b.V), 2));
            return;
        }

        // The edge crosses the row at v = num / den; pixel x sits at v = 2x.
        long den = b.U - a.U, num = a.V * den + (row - a.U) * (b.V - a.V);
        if (den < 0) { den = -den; num = -num; }
        lo = Math.Min(lo, LatticeMath.CeilDiv(num, 2 * den));
        hi = Math.Max(hi, LatticeMath.FloorDiv(num, 2 * den));
    }

    private static void Widen(Span<long> left, Span<long> right, int line, long from, long to)
    {
        if (from < left[line]) left[line] = from;
        if (to > right[line]) right[line] = to;
    }

    /// <summary>Andrew's monotone chain on points already sorted by (u, v); the lower chain is hull[..lowerEnd].</summary>
    private static ReadOnlySpan<LatticePoint2> MonotoneChain(ReadOnlySpan<LatticePoint2> sorted, Span<LatticePoint2> hull, out int lowerEnd)
    {
        int k = 0;
        for (int i = 0; i < sorted.Length; i++)
        {
            while (k >= 2 && ConvexHull2D.Cross(hull[k - 2], hull[k - 1], sorted[i]) <= 0) k--;
            hull[k++] = sorted[i];
        }

        lowerEnd = k;

        for (int i = sorted.Length - 2, lower = k + 1; i >= 0; i--)
        {
            while (k >= lower && ConvexHull2D.Cross(hull[k - 2], hull[k - 1], sorted[i]) <= 0) k--;
            hull[k++] = sorted[i];
        }

        return hull[..Math.Max(1, k - 1)];
    }
}
