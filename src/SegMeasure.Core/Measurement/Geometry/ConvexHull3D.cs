namespace SegMeasure.Core.Measurement.Geometry;

/// <summary>A point with integer (z, y, x) coordinates (doubled voxel coordinates, see <see cref="LatticePoint2"/>).</summary>
internal readonly record struct LatticePoint3(long Z, long Y, long X);

/// <summary>A triangle of the hull's boundary and the half-space of its plane that holds the hull.</summary>
internal readonly record struct HullFacet(LatticePoint3 A, LatticePoint3 B, LatticePoint3 C, HalfSpace Plane);

/// <summary>The closed half-space A·z + B·y + C·x ≤ E with integer coefficients.</summary>
internal readonly record struct HalfSpace(long A, long B, long C, long E)
{
    /// <summary>The same half-space with coefficients divided by their common divisor, so equal
    /// planes compare equal.</summary>
    public HalfSpace Reduced()
    {
        long g = LatticeMath.Gcd(LatticeMath.Gcd(A, B), LatticeMath.Gcd(C, E));
        return g > 1 ? new HalfSpace(A / g, B / g, C / g, E / g) : this;
    }
}

/// <summary>
/// Exact 3D convex hull of integer points by quickhull with conflict lists. Every predicate is
/// an integer determinant, so the many coplanar points of voxel data need no tolerance: a point
/// joins the hull only when it lies strictly outside a face, coplanar faces simply stay
/// triangulated. Coordinates must stay below 2^16 in magnitude so that products fit in 64 bits.
/// </summary>
internal sealed class ConvexHull3D
{
    private readonly LatticePoint3[] _points;
    private readonly int[] _nextOutside; // per point: the next point in its face's outside list
    private readonly int[] _newFaceFrom; // per point: the new face whose horizon edge starts there
    private Face[] _faces = new Face[64];
    private int _faceCount;
    private int _stamp;

    private struct Face
    {
        public int A, B, C;
        public int AcrossAB, AcrossBC, AcrossCA; // neighbouring faces
        public long Nz, Ny, Nx, Offset;          // outward normal and its value on the plane
        public bool Alive;
        public int FirstOutside;                 // -1 when no point lies outside
        public int VisibleStamp, TestedStamp;
    }

    private ConvexHull3D(LatticePoint3[] points)
    {
        foreach (var p in points)
            if (Math.Abs(p.Z) >= 1 << 16 || Math.Abs(p.Y) >= 1 << 16 || Math.Abs(p.X) >= 1 << 16)
                throw new ArgumentOutOfRangeException(nameof(points), "object too large for the exact hull (extent over 32767 voxels)");
        _points = points;
        _nextOutside = new int[points.Length];
        _newFaceFrom = new int[points.Length];
    }

    /// <summary>
    /// The hull as a set of distinct facet half-spaces (intersection = the closed hull), or null when
    /// the points do not span three dimensions.
    /// </summary>
    public static HalfSpace[]? HalfSpaces(IReadOnlyList<LatticePoint3> points) =>
        Facets(points)?.Select(f => f.Plane.Reduced()).Distinct().ToArray();

    /// <summary>
    /// The triangles of the hull's boundary (coplanar triangles are not merged), or null when the
    /// points do not span three dimensions.
    /// </summary>
    public static HullFacet[]? Facets(IReadOnlyList<LatticePoint3> points)
    {
        var hull = new ConvexHull3D(points.Distinct().ToArray());
        if (!hull.Build())
            return null;
        var facets = new List<HullFacet>();
        for (int i = 0; i < hull._faceCount; i++)
        {
            ref var f = ref hull._faces[i];
            if (f.Alive)
                facets.Add(new HullFacet(hull._points[f.A], hull._points[f.B], hull._points[f.C],
                                         new HalfSpace(f.Nz, f.Ny, f.Nx, f.Offset)));
        }
        return facets.ToArray();
    }

    /// <summary>The points that are vertices of the hull, or null when the points do not span three dimensions.</summary>
    public static LatticePoint3[]? Vertices(IReadOnlyList<LatticePoint3> points)
    {
        var hull = new ConvexHull3D(points.Distinct().ToArray());
        if (!hull.Build())
            return null;
        var vertices = new HashSet<int>();
        for (int i = 0; i < hull._faceCount; i++)
        {
            ref var f = ref hull._faces[i];
            if (f.Alive)
            {
                vertices.Add(f.A);
                vertices.Add(f.B);
                vertices.Add(f.C);
            }
        }
        return vertices.Select(i => hull._points[i]).ToArray();
    }

    private bool Build()
    {
        if (!TryInitialSimplex(out int i0, out int i1, out int i2, out int i3))
            return false;
        // Orient the base triangle so that the fourth point lies below it; the other three faces
        // then follow with consistent (outward) orientation.
        if (Orient(i0, i1, i2, _points[i3]) > 0)
            (i1, i2) = (i2, i1);
        int f0 = AddFace(i0, i1, i2);
        int f1 = AddFace(i0, i3, i1);
        int f2 = AddFace(i1, i3, i2);
        int f3 = AddFace(i2, i3, i0);
        Link(f0, f1, f2, f3);
        Span<int> initial = [f0, f1, f2, f3];
        for (int i = 0; i < _points.Length; i++)
            if (i != i0 && i != i1 && i != i2 && i != i3)
                AssignToFace(i, initial);

        var pending = new Stack<int>();
        foreach (int f in initial)
            pending.Push(f);
        var visible = new List<int>();
        var horizon = new List<(int U, int V, int Outer)>();
        var newFaces = new List<int>();
        while (pending.Count > 0)
        {
            int fi = pending.Pop();
            if (!_faces[fi].Alive || _faces[fi].FirstOutside < 0)
                continue;
            int apex = Furthest(fi);
            CollectVisible(fi, _points[apex], visible, horizon);

            newFaces.Clear();
            foreach (var (u, v, outer) in horizon)
            {
                int nf = AddFace(u, v, apex);
                _faces[nf].AcrossAB = outer;
                ReplaceNeighbour(outer, v, u, nf);
                _newFaceFrom[u] = nf;
                newFaces.Add(nf);
            }
            // The cone's faces meet along the edges from the horizon vertices to the apex.
            foreach (int nf in newFaces)
            {
                int next = _newFaceFrom[_faces[nf].B];
                _faces[nf].AcrossBC = next;
                _faces[next].AcrossCA = nf;
            }
            var cone = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(newFaces);
            foreach (int v in visible)
            {
                for (int q = _faces[v].FirstOutside; q >= 0;)
                {
                    int following = _nextOutside[q];
                    if (q != apex)
                        AssignToFace(q, cone);
                    q = following;
                }
                _faces[v].Alive = false;
                _faces[v].FirstOutside = -1;
            }
            foreach (int nf in newFaces)
                if (_faces[nf].FirstOutside >= 0)
                    pending.Push(nf);
        }
        return true;
    }

    private bool TryInitialSimplex(out int i0, out int i1, out int i2, out int i3)
    {
        i0 = i1 = i2 = i3 = -1;
        if (_points.Length < 4)
            return false;
        // Two points far apart along some axis.
        for (int axis = 0; axis < 3 && i1 < 0; axis++)
        {
            int lo = 0, hi = 0;
            for (int i = 1; i < _points.Length; i++)
            {
                if (Coordinate(i, axis) < Coordinate(lo, axis)) lo = i;
                if (Coordinate(i, axis) > Coordinate(hi, axis)) hi = i;
            }
            if (Coordinate(hi, axis) > Coordinate(lo, axis))
            {
                i0 = lo;
                i1 = hi;
            }
        }
        if (i1 < 0)
            return false;
        // The point farthest from the line i0-i1.
        var a = _points[i0];
        var b = _points[i1];
        long best = 0;
        for (int i = 0; i < _points.Length; i++)
        {
            var c = _points[i];
            long cz = (b.Y - a.Y) * (c.X - a.X) - (b.X - a.X) * (c.Y - a.Y);
            long cy = (b.X - a.X) * (c.Z - a.Z) - (b.Z - a.Z) * (c.X - a.X);
            long cx = (b.Z - a.Z) * (c.Y - a.Y) - (b.Y - a.Y) * (c.Z - a.Z);
            long n = Math.Abs(cz) + Math.Abs(cy) + Math.Abs(cx);
            if (n > best)
            {
                best = n;
                i2 = i;
            }
        }
        if (i2 < 0)
            return false;
        // The point farthest from the plane i0-i1-i2.
        best = 0;
        for (int i = 0; i < _points.Length; i++)
        {
            long d = Math.Abs(Orient(i0, i1, i2, _points[i]));
            if (d > best)
            {
                best = d;
                i3 = i;
            }
        }
        return i3 >= 0;
    }

    private long Coordinate(int i, int axis) => axis switch
    {
        0 => _points[i].Z,
        1 => _points[i].Y,
        _ => _points[i].X,
    };

    /// <summary>Positive when p lies on the side the normal of (a, b, c) points to.</summary>
    private long Orient(int a, int b, int c, LatticePoint3 p)
    {
        var pa = _points[a];
        var pb = _points[b];
        var pc = _points[c];
        long uz = pb.Z - pa.Z, uy = pb.Y - pa.Y, ux = pb.X - pa.X;
        long vz = pc.Z - pa.Z, vy = pc.Y - pa.Y, vx = pc.X - pa.X;
        long nz = uy * vx - ux * vy;
        long ny = ux * vz - uz * vx;
        long nx = uz * vy - uy * vz;
        return nz * (p.Z - pa.Z) + ny * (p.Y - pa.Y) + nx * (p.X - pa.X);
    }

    private long Height(int face, LatticePoint3 p)
    {
        ref var f = ref _faces[face];
        return f.Nz * p.Z + f.Ny * p.Y + f.Nx * p.X - f.Offset;
    }

    private int AddFace(int a, int b, int c)
    {
        if (_faceCount == _faces.Length)
            Array.Resize(ref _faces, 2 * _faces.Length);
        var pa = _points[a];
        var pb = _points[b];
        var pc = _points[c];
        long uz = pb.Z - pa.Z, uy = pb.Y - pa.Y, ux = pb.X - pa.X;
        long vz = pc.Z - pa.Z, vy = pc.Y - pa.Y, vx = pc.X - pa.X;
        ref var f = ref _faces[_faceCount];
        f = new Face
        {
            A = a, B = b, C = c,
            AcrossAB = -1, AcrossBC = -1, AcrossCA = -1,
            Nz = uy * vx - ux * vy,
            Ny = ux * vz - uz * vx,
            Nx = uz * vy - uy * vz,
            Alive = true,
            FirstOutside = -1,
        };
        f.Offset = f.Nz * pa.Z + f.Ny * pa.Y + f.Nx * pa.X;
        return _faceCount++;
    }

    /// <summary>Connects the four faces of the initial tetrahedron along their shared edges.</summary>
    private void Link(params int[] faces)
    {
        foreach (int f in faces)
            foreach (int g in faces)
                if (f != g)
                {
                    ref var face = ref _faces[f];
                    ref var other = ref _faces[g];
                    if (HasEdge(other, face.B, face.A)) face.AcrossAB = g;
                    if (HasEdge(other, face.C, face.B)) face.AcrossBC = g;
                    if (HasEdge(other, face.A, face.C)) face.AcrossCA = g;
                }
    }

    private static bool HasEdge(in Face f, int u, int v) =>
        (f.A == u && f.B == v) || (f.B == u && f.C == v) || (f.C == u && f.A == v);

    /// <summary>In face <paramref name="face"/>, points the neighbour across edge u → v to <paramref name="replacement"/>.</summary>
    private void ReplaceNeighbour(int face, int u, int v, int replacement)
    {
        ref var f = ref _faces[face];
        if (f.A == u && f.B == v) f.AcrossAB = replacement;
        else if (f.B == u && f.C == v) f.AcrossBC = replacement;
        else f.AcrossCA = replacement;
    }

    private void AssignToFace(int point, ReadOnlySpan<int> faces)
    {
        var p = _points[point];
        foreach (int fi in faces)
        {
            if (Height(fi, p) > 0)
            {
                _nextOutside[point] = _faces[fi].FirstOutside;
                _faces[fi].FirstOutside = point;
                return;
            }
        }
        // Inside or on the current hull: it cannot be a vertex of the final hull.
    }

    private int Furthest(int face)
    {
        int best = _faces[face].FirstOutside;
        long bestHeight = Height(face, _points[best]);
        for (int q = _nextOutside[best]; q >= 0; q = _nextOutside[q])
        {
            long h = Height(face, _points[q]);
            if (h > bestHeight)
            {
                bestHeight = h;
                best = q;
            }
        }
        return best;
    }

    /// <summary>The faces p lies strictly above (connected around <paramref name="start"/>) and the
    /// edges bounding them (oriented as in the visible faces) with the face beyond each.</summary>
    private void CollectVisible(int start, LatticePoint3 p, List<int> visible, List<(int, int, int)> horizon)
    {
        visible.Clear();
        horizon.Clear();
        _stamp++;
        _faces[start].VisibleStamp = _stamp;
        visible.Add(start);
        for (int next = 0; next < visible.Count; next++)
        {
            ref var f = ref _faces[visible[next]];
            int ab = f.AcrossAB, bc = f.AcrossBC, ca = f.AcrossCA;
            Visit(ab, p, visible);
            Visit(bc, p, visible);
            Visit(ca, p, visible);
        }
        foreach (int fi in visible)
        {
            var f = _faces[fi];
            if (_faces[f.AcrossAB].VisibleStamp != _stamp) horizon.Add((f.A, f.B, f.AcrossAB));
            if (_faces[f.AcrossBC].VisibleStamp != _stamp) horizon.Add((f.B, f.C, f.AcrossBC));
            if (_faces[f.AcrossCA].VisibleStamp != _stamp) horizon.Add((f.C, f.A, f.AcrossCA));
        }
    }

    private void Visit(int face, LatticePoint3 p, List<int> visible)
    {
        ref var f = ref _faces[face];
        if (f.VisibleStamp == _stamp || f.TestedStamp == _stamp)
            return;
        f.TestedStamp = _stamp;
        if (Height(face, p) > 0)
        {
            f.VisibleStamp = _stamp;
            visible.Add(face);
        }
    }
}
