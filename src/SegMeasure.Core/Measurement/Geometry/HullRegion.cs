namespace SegMeasure.Core.Measurement.Geometry;

/// <summary>
/// The closed convex hull of an object's voxel diamonds (each voxel centre ±½ along every axis,
/// scikit-image's <c>offset_coordinates=True</c>), held as integer half-spaces in doubled
/// coordinates, and rasterised row by row on the object's bounding box.
/// </summary>
internal sealed class HullRegion
{
    private readonly HalfSpace[] _halfSpaces;

    private HullRegion(ObjectMask mask, HalfSpace[] halfSpaces)
    {
        Mask = mask;
        _halfSpaces = halfSpaces;
    }

    public ObjectMask Mask { get; }

    /// <summary>Null when the mask is empty.</summary>
    public static HullRegion? Of(ObjectMask mask)
    {
        if (mask.Count == 0)
            return null;
        return new HullRegion(mask, mask.Is2D ? PolygonHalfSpaces(mask) : PolyhedronHalfSpaces(mask));
    }

    /// <summary>The grid points of row (z, y) inside the hull: x from <paramref name="first"/> to
    /// <paramref name="last"/>, or false when there are none.</summary>
    public bool TryGetRow(int z, int y, out int first, out int last)
    {
        long zz = 2L * z, yy = 2L * y;
        long lo = 0, hi = Mask.Width - 1;
        foreach (var h in _halfSpaces)
        {
            long rest = h.E - h.A * zz - h.B * yy;
            if (h.C == 0)
            {
                if (rest < 0)
                    goto Empty;
            }
            else if (h.C > 0)
            {
                hi = Math.Min(hi, LatticeMath.FloorDiv(rest, 2 * h.C));
            }
            else
            {
                lo = Math.Max(lo, LatticeMath.CeilDiv(rest, 2 * h.C));
            }
            if (lo > hi)
                goto Empty;
        }
        first = (int)lo;
        last = (int)hi;
        return true;
    Empty:
        first = 0;
        last = -1;
        return false;
    }

    /// <summary>Number of grid points (voxel centres of the bounding box) inside the hull.</summary>
    public long CountInside()
    {
        long count = 0;
        for (int z = 0; z < Mask.Depth; z++)
            for (int y = 0; y < Mask.Height; y++)
                if (TryGetRow(z, y, out int first, out int last))
                    count += last - first + 1;
        return count;
    }

    // 2D: the first and last pixel of each row carry the hull (every other pixel of the row lies
    // between them), so their diamonds are the only candidates for hull vertices.
    private static HalfSpace[] PolygonHalfSpaces(ObjectMask mask)
    {
        var points = new List<LatticePoint2>();
        for (int y = 0; y < mask.Height; y++)
            if (mask.TryGetRowExtent(0, y, out int first, out int last))
            {
                AddDiamond2(points, 2L * y, 2L * first);
                if (last != first)
                    AddDiamond2(points, 2L * y, 2L * last);
            }
        var polygon = ConvexHull2D.Compute(points);
        var halfSpaces = new HalfSpace[polygon.Length];
        for (int i = 0; i < polygon.Length; i++)
            halfSpaces[i] = EdgeHalfSpace(polygon[i], polygon[(i + 1) % polygon.Length]);
        return halfSpaces;
    }

    // 3D: per slice, the planar hull of the row ends' in-plane diamond points (at the slice) and
    // of the row ends' centres (at the slice ± ½) are the only candidates for hull vertices.
    private static HalfSpace[] PolyhedronHalfSpaces(ObjectMask mask)
    {
        var candidates = new List<LatticePoint3>();
        var centres = new List<LatticePoint3>();
        var inPlane = new List<LatticePoint2>();
        var rowEnds = new List<LatticePoint2>();
        for (int z = 0; z < mask.Depth; z++)
        {
            inPlane.Clear();
            rowEnds.Clear();
            for (int y = 0; y < mask.Height; y++)
                if (mask.TryGetRowExtent(z, y, out int first, out int last))
                {
                    AddDiamond2(inPlane, 2L * y, 2L * first);
                    rowEnds.Add(new LatticePoint2(2L * y, 2L * first));
                    if (last != first)
                    {
                        AddDiamond2(inPlane, 2L * y, 2L * last);
                        rowEnds.Add(new LatticePoint2(2L * y, 2L * last));
                    }
                }
            if (rowEnds.Count == 0)
                continue;
            long zz = 2L * z;
            foreach (var p in ConvexHull2D.Compute(inPlane))
                candidates.Add(new LatticePoint3(zz, p.U, p.V));
            foreach (var p in ConvexHull2D.Compute(rowEnds))
            {
                candidates.Add(new LatticePoint3(zz - 1, p.U, p.V));
                candidates.Add(new LatticePoint3(zz + 1, p.U, p.V));
                centres.Add(new LatticePoint3(zz, p.U, p.V));
            }
        }
        var halfSpaces = ConvexHull3D.HalfSpaces(candidates)
            ?? throw new InvalidOperationException("voxel diamonds always span three dimensions");
        var flat = AffineHullConstraints(centres);
        // Cheap rejections first: the equality constraints of a flat object and axis-aligned planes.
        return flat.Concat(halfSpaces).OrderBy(h => h.C == 0 ? 0 : 1).ToArray();
    }

    private static void AddDiamond2(List<LatticePoint2> points, long u, long v)
    {
        points.Add(new LatticePoint2(u - 1, v));
        points.Add(new LatticePoint2(u + 1, v));
        points.Add(new LatticePoint2(u, v - 1));
        points.Add(new LatticePoint2(u, v + 1));
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
