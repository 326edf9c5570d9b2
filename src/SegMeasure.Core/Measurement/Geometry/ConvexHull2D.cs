namespace SegMeasure.Core.Measurement.Geometry;

/// <summary>A point with integer (u, v) coordinates; the kernels use doubled voxel coordinates so
/// that voxel centres and the ±½ corner offsets are all integers and every predicate is exact.</summary>
internal readonly record struct LatticePoint2(long U, long V);

/// <summary>Exact planar convex hull (Andrew's monotone chain) on integer points.</summary>
internal static class ConvexHull2D
{
    /// <summary>
    /// The strictly convex hull vertices in counter-clockwise order (interior on the left:
    /// <see cref="Cross"/> of an edge and a point inside is ≥ 0). Collinear points are dropped.
    /// Returns 1 or 2 points when the input is a single point or collinear.
    /// </summary>
    public static LatticePoint2[] Compute(List<LatticePoint2> points)
    {
        points.Sort((a, b) => a.U != b.U ? a.U.CompareTo(b.U) : a.V.CompareTo(b.V));
        return ComputeSorted(points);
    }

    /// <summary>As <see cref="Compute"/>, for points already sorted by (U, V).</summary>
    public static LatticePoint2[] ComputeSorted(List<LatticePoint2> points)
    {
        if (points.Count == 0)
            return [];
        var hull = new LatticePoint2[2 * points.Count];
        int k = 0;
        for (int i = 0; i < points.Count; i++)
        {
            while (k >= 2 && Cross(hull[k - 2], hull[k - 1], points[i]) <= 0)
                k--;
            hull[k++] = points[i];
        }
        for (int i = points.Count - 2, lower = k + 1; i >= 0; i--)
        {
            while (k >= lower && Cross(hull[k - 2], hull[k - 1], points[i]) <= 0)
                k--;
            hull[k++] = points[i];
        }
        // The last point repeats the first; a single distinct point yields k == 2 here.
        int count = Math.Max(k - 1, 1);
        if (count == 2 && hull[0] == hull[1])
            count = 1;
        return hull[..count];
    }

    /// <summary>(a − o) × (b − o): positive when o → a → b turns left.</summary>
    public static long Cross(LatticePoint2 o, LatticePoint2 a, LatticePoint2 b) =>
        (a.U - o.U) * (b.V - o.V) - (a.V - o.V) * (b.U - o.U);
}
