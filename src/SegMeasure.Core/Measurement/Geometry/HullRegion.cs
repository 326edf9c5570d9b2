namespace SegMeasure.Core.Measurement.Geometry;

/// <summary>
/// The closed convex hull of an object's voxel diamonds (each voxel centre ±½ along every axis,
/// scikit-image's <c>offset_coordinates=True</c>), computed exactly in doubled integer coordinates
/// and rasterised on the object's bounding box as one x-interval per (z, y) row.
/// </summary>
internal sealed class HullRegion
{
    private readonly long[] _first;
    private readonly long[] _last;

    private HullRegion(ObjectMask mask, long[] first, long[] last)
    {
        Mask = mask;
        _first = first;
        _last = last;
    }

    public ObjectMask Mask { get; }

    /// <summary>Null when the mask is empty.</summary>
    public static HullRegion? Of(ObjectMask mask)
    {
        if (mask.Count == 0)
            return null;
        int rows = mask.Depth * mask.Height;
        var first = new long[rows];
        var last = new long[rows];
        Array.Fill(first, long.MinValue);
        Array.Fill(last, long.MaxValue);
        if (mask.Is2D)
        {
            var levels = new DiamondLevels(mask.Height);
            for (int y = 0; y < mask.Height; y++)
                if (mask.TryGetRowExtent(0, y, out int f, out int l))
                    levels.AddRow(y, f, l);
            bool[] bounded = RasterisePolygon(mask, ConvexHull2D.ComputeSorted(levels.Points()), first, last);
            for (int row = 0; row < rows; row++)
                if (!bounded[row])
                    last[row] = long.MinValue; // outside the polygon's extent
        }
        else
        {
            var (facets, flat) = PolyhedronFacets(mask);
            bool[] bounded = RasteriseFacets(mask, facets, first, last);
            for (int row = 0; row < rows; row++)
                if (!bounded[row])
                    last[row] = long.MinValue; // outside the hull's projection
            ApplyHalfSpaces(mask, flat, first, last);
        }
        for (int row = 0; row < rows; row++)
        {
            first[row] = Math.Max(first[row], 0);
            last[row] = Math.Min(last[row], mask.Width - 1);
        }
        return new HullRegion(mask, first, last);
    }

    /// <summary>The grid points of row (z, y) inside the hull: x from <paramref name="first"/> to
    /// <paramref name="last"/>, or false when there are none.</summary>
    public bool TryGetRow(int z, int y, out int first, out int last)
    {
        int row = z * Mask.Height + y;
        if (_first[row] > _last[row])
        {
            first = 0;
            last = -1;
            return false;
        }
        first = (int)_first[row];
        last = (int)_last[row];
        return true;
    }

    /// <summary>Number of grid points (voxel centres of the bounding box) inside the hull.</summary>
    public long CountInside()
    {
        long count = 0;
        for (int row = 0; row < _first.Length; row++)
            if (_first[row] <= _last[row])
                count += _last[row] - _first[row] + 1;
        return count;
    }

    /// <summary>Narrows every row's interval to the points satisfying all half-spaces.</summary>
    private static void ApplyHalfSpaces(ObjectMask mask, IReadOnlyList<HalfSpace> halfSpaces, long[] first, long[] last)
    {
        if (halfSpaces.Count == 0)
            return;
        for (int z = 0; z < mask.Depth; z++)
            for (int y = 0; y < mask.Height; y++)
            {
                int row = z * mask.Height + y;
                long zz = 2L * z, yy = 2L * y;
                foreach (var h in halfSpaces)
                {
                    if (first[row] > last[row])
                        break;
                    Narrow(h.C, h.E - h.A * zz - h.B * yy, ref first[row], ref last[row]);
                }
            }
    }

    /// <summary>Narrows [lo, hi] to the integers x with c·(2x) ≤ rest.</summary>
    private static void Narrow(long c, long rest, ref long lo, ref long hi)
    {
        if (c > 0)
            hi = Math.Min(hi, LatticeMath.FloorDiv(rest, 2 * c));
        else if (c < 0)
            lo = Math.Max(lo, LatticeMath.CeilDiv(rest, 2 * c));
        else if (rest < 0)
            hi = long.MinValue;
    }

    /// <summary>
    /// Bounds each row by the facets above and below it. The hull's extreme points along a row lie
    /// on facets that are not parallel to x and whose (z, y) projection holds the row, and every
    /// facet is a valid bound, so the facets projecting onto a row give its exact interval; a row no
    /// facet projects onto lies outside the hull. Returns which rows were bounded.
    /// </summary>
    private static bool[] RasteriseFacets(ObjectMask mask, HullFacet[] facets, long[] first, long[] last)
    {
        var bounded = new bool[first.Length];
        Span<(LatticePoint3 P, LatticePoint3 Q)> edges = stackalloc (LatticePoint3, LatticePoint3)[3];
        foreach (var f in facets)
        {
            // Signed area of the (z, y) projection; zero for facets parallel to x.
            long area = (f.B.Z - f.A.Z) * (f.C.Y - f.A.Y) - (f.B.Y - f.A.Y) * (f.C.Z - f.A.Z);
            if (area == 0 || f.Plane.C == 0)
                continue;
            long sign = Math.Sign(area);
            edges[0] = (f.A, f.B);
            edges[1] = (f.B, f.C);
            edges[2] = (f.C, f.A);
            long zMin = Math.Max(0, LatticeMath.CeilDiv(Math.Min(f.A.Z, Math.Min(f.B.Z, f.C.Z)), 2));
            long zMax = Math.Min(mask.Depth - 1, LatticeMath.FloorDiv(Math.Max(f.A.Z, Math.Max(f.B.Z, f.C.Z)), 2));
            for (long z = zMin; z <= zMax; z++)
            {
                long zz = 2 * z;
                long yLo = 0, yHi = mask.Height - 1;
                // Inside the projected triangle: sign·((q − p) × (P − p)) ≥ 0 for each edge p → q,
                // i.e. k·Y ≥ r with Y = 2y.
                foreach (var (p, q) in edges)
                {
                    long k = sign * (q.Z - p.Z);
                    long r = sign * ((q.Z - p.Z) * p.Y + (q.Y - p.Y) * (zz - p.Z));
                    Narrow(-k, -r, ref yLo, ref yHi);
                }
                long rest0 = f.Plane.E - f.Plane.A * zz;
                for (long y = yLo; y <= yHi; y++)
                {
                    int row = (int)(z * mask.Height + y);
                    Narrow(f.Plane.C, rest0 - f.Plane.B * 2 * y, ref first[row], ref last[row]);
                    bounded[row] = true;
                }
            }
        }
        return bounded;
    }

    /// <summary>
    /// Bounds each row by the polygon edges that span it: the row's extreme points lie on such
    /// edges and every edge is a valid bound, so they give the exact interval. Returns which rows
    /// were bounded (the others lie outside the polygon).
    /// </summary>
    private static bool[] RasterisePolygon(ObjectMask mask, LatticePoint2[] polygon, long[] first, long[] last)
    {
        var bounded = new bool[first.Length];
        for (int i = 0; i < polygon.Length; i++)
        {
            var a = polygon[i];
            var b = polygon[(i + 1) % polygon.Length];
            if (a.U == b.U)
                continue;
            var h = EdgeHalfSpace(a, b);
            long yMin = Math.Max(0, LatticeMath.CeilDiv(Math.Min(a.U, b.U), 2));
            long yMax = Math.Min(mask.Height - 1, LatticeMath.FloorDiv(Math.Max(a.U, b.U), 2));
            for (long y = yMin; y <= yMax; y++)
            {
                Narrow(h.C, h.E - h.B * 2 * y, ref first[y], ref last[y]);
                bounded[y] = true;
            }
        }
        return bounded;
    }

    /// <summary>
    /// The diamond points of a slice's row ends, reduced to the smallest and largest x on each
    /// half-integer y level (only those can be hull vertices) and listed sorted by (y, x). The
    /// first and last pixel of a row carry the hull: every other pixel lies between them.
    /// </summary>
    private sealed class DiamondLevels
    {
        private readonly long[] _min;
        private readonly long[] _max;

        public DiamondLevels(int height)
        {
            // Doubled y levels −1 … 2·height − 1.
            _min = new long[2 * height + 1];
            _max = new long[2 * height + 1];
            Array.Fill(_min, long.MaxValue);
            Array.Fill(_max, long.MinValue);
        }

        public void AddRow(int y, int first, int last)
        {
            Add(2 * y, 2L * first - 1, 2L * last + 1);
            Add(2 * y - 1, 2L * first, 2L * last);
            Add(2 * y + 1, 2L * first, 2L * last);
        }

        private void Add(int level, long min, long max)
        {
            int i = level + 1;
            if (min < _min[i]) _min[i] = min;
            if (max > _max[i]) _max[i] = max;
        }

        public List<LatticePoint2> Points()
        {
            var points = new List<LatticePoint2>();
            for (int i = 0; i < _min.Length; i++)
            {
                if (_min[i] > _max[i])
                    continue;
                points.Add(new LatticePoint2(i - 1, _min[i]));
                if (_max[i] != _min[i])
                    points.Add(new LatticePoint2(i - 1, _max[i]));
            }
            return points;
        }
    }

    // 3D: per slice, the planar hull of the row ends' in-plane diamond points (at the slice) and
    // of the row ends' centres (at the slice ± ½) are the only candidates for hull vertices.
    // Neighbouring slices share the level between them, where one planar hull of both slices'
    // centres suffices.
    private static (HullFacet[] Facets, HalfSpace[] Flat) PolyhedronFacets(ObjectMask mask)
    {
        var candidates = new List<LatticePoint3>();
        var centres = new List<LatticePoint3>();
        var rowEnds = new List<LatticePoint2>();
        LatticePoint2[] below = [];
        int belowSlice = int.MinValue;
        for (int z = 0; z < mask.Depth; z++)
        {
            var inPlane = new DiamondLevels(mask.Height);
            rowEnds.Clear();
            for (int y = 0; y < mask.Height; y++)
                if (mask.TryGetRowExtent(z, y, out int first, out int last))
                {
                    inPlane.AddRow(y, first, last);
                    rowEnds.Add(new LatticePoint2(2L * y, 2L * first));
                    if (last != first)
                        rowEnds.Add(new LatticePoint2(2L * y, 2L * last));
                }
            if (rowEnds.Count == 0)
                continue;
            long zz = 2L * z;
            foreach (var p in ConvexHull2D.ComputeSorted(inPlane.Points()))
                candidates.Add(new LatticePoint3(zz, p.U, p.V));
            var slice = ConvexHull2D.ComputeSorted(rowEnds);
            foreach (var p in slice)
                centres.Add(new LatticePoint3(zz, p.U, p.V));
            if (belowSlice == z - 1)
            {
                AddLevel(candidates, zz - 1, ConvexHull2D.Compute([.. below, .. slice]));
            }
            else
            {
                AddLevel(candidates, 2L * belowSlice + 1, below);
                AddLevel(candidates, zz - 1, slice);
            }
            below = slice;
            belowSlice = z;
        }
        AddLevel(candidates, 2L * belowSlice + 1, below);
        var facets = ConvexHull3D.Facets(candidates)
            ?? throw new InvalidOperationException("voxel diamonds always span three dimensions");
        return (facets, AffineHullConstraints(centres).ToArray());
    }

    private static void AddLevel(List<LatticePoint3> points, long z, LatticePoint2[] level)
    {
        foreach (var p in level)
            points.Add(new LatticePoint3(z, p.U, p.V));
    }

    /// <summary>Points q left of (or on) the directed edge a → b, i.e. Cross(a, b, q) ≥ 0, in (y, x) at any z.</summary>
    private static HalfSpace EdgeHalfSpace(LatticePoint2 a, LatticePoint2 b)
    {
        long du = b.U - a.U, dv = b.V - a.V;
        // du·(qv − av) − dv·(qu − au) ≥ 0  ⇔  dv·qu − du·qv ≤ dv·au − du·av
        return new HalfSpace(0, dv, -du, dv * a.U - du * a.V).Reduced();
    }

    /// <summary>
    /// When the voxel centres are coplanar or collinear (where scikit-image's hull fails and yields
    /// no voxels), the hull is taken within the object's own plane or line: equality constraints
    /// (pairs of opposite half-spaces) that keep only grid points on the centres' affine hull.
    /// </summary>
    private static IEnumerable<HalfSpace> AffineHullConstraints(List<LatticePoint3> centres)
    {
        var p0 = centres[0];
        int i1 = centres.FindIndex(p => p != p0);
        if (i1 < 0)
            yield break; // a single voxel: its diamond holds no other grid point
        var d = Sub(centres[i1], p0);
        LatticePoint3? normal = null;
        foreach (var p in centres)
        {
            var n = Cross(d, Sub(p, p0));
            if (n != default)
            {
                normal = n;
                break;
            }
        }
        if (normal is null)
        {
            // Collinear: (q − p0) × d = 0, three equations.
            foreach (var h in LineEquations(p0, d))
            {
                yield return h;
                yield return new HalfSpace(-h.A, -h.B, -h.C, -h.E);
            }
            yield break;
        }
        var nn = normal.Value;
        long offset = nn.Z * p0.Z + nn.Y * p0.Y + nn.X * p0.X;
        foreach (var p in centres)
            if (nn.Z * p.Z + nn.Y * p.Y + nn.X * p.X != offset)
                yield break; // spans three dimensions: the hull needs no extra constraint
        yield return new HalfSpace(nn.Z, nn.Y, nn.X, offset).Reduced();
        yield return new HalfSpace(-nn.Z, -nn.Y, -nn.X, -offset).Reduced();
    }

    private static IEnumerable<HalfSpace> LineEquations(LatticePoint3 p0, LatticePoint3 d)
    {
        // Components of (q − p0) × d in (z, y, x) order, each linear in q.
        yield return new HalfSpace(0, d.X, -d.Y, d.X * p0.Y - d.Y * p0.X);
        yield return new HalfSpace(-d.X, 0, d.Z, -d.X * p0.Z + d.Z * p0.X);
        yield return new HalfSpace(d.Y, -d.Z, 0, d.Y * p0.Z - d.Z * p0.Y);
    }

    private static LatticePoint3 Sub(LatticePoint3 a, LatticePoint3 b) => new(a.Z - b.Z, a.Y - b.Y, a.X - b.X);

    private static LatticePoint3 Cross(LatticePoint3 u, LatticePoint3 v) => new(
        u.Y * v.X - u.X * v.Y,
        u.X * v.Z - u.Z * v.X,
        u.Z * v.Y - u.Y * v.Z);
}
