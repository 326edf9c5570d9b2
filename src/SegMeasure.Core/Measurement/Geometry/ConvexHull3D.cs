namespace SegMeasure.Core.Measurement.Geometry;

/// <summary>A point with integer (z, y, x) coordinates (doubled voxel coordinates, see <see cref="LatticePoint2"/>).</summary>
internal readonly record struct LatticePoint3(long Z, long Y, long X);

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
    private readonly List<Face> _faces = new();
    private readonly Dictionary<long, int> _faceByEdge = new();
    private int _stamp;

    private sealed class Face
    {
        public int A, B, C;
        public long Nz, Ny, Nx, Offset;
        public bool Alive = true;
        public int VisibleStamp, TestedStamp;
        public List<int> Outside = new();
    }

    private ConvexHull3D(LatticePoint3[] points)
    {
        foreach (var p in points)
            if (Math.Abs(p.Z) >= 1 << 16 || Math.Abs(p.Y) >= 1 << 16 || Math.Abs(p.X) >= 1 << 16)
                throw new ArgumentOutOfRangeException(nameof(points), "object too large for the exact hull (extent over 32767 voxels)");
        _points = points;
    }

    /// <summary>
    /// The hull as a set of distinct facet half-spaces (intersection = the closed hull), or null when
    /// the points do not span three dimensions.
    /// </summary>
    public static HalfSpace[]? HalfSpaces(IReadOnlyList<LatticePoint3> points)
    {
        var hull = new ConvexHull3D(points.Distinct().ToArray());
        if (!hull.Build())
            return null;
        var planes = new HashSet<HalfSpace>();
        foreach (var f in hull._faces)
            if (f.Alive)
                planes.Add(new HalfSpace(f.Nz, f.Ny, f.Nx, f.Offset).Reduced());
        return planes.ToArray();
    }

    /// <summary>The points that are vertices of the hull, or null when the points do not span three dimensions.</summary>
    public static LatticePoint3[]? Vertices(IReadOnlyList<LatticePoint3> points)
    {
        var hull = new ConvexHull3D(points.Distinct().ToArray());
        if (!hull.Build())
            return null;
        var vertices = new HashSet<int>();
        foreach (var f in hull._faces)
            if (f.Alive)
            {
                vertices.Add(f.A);
                vertices.Add(f.B);
                vertices.Add(f.C);
            }
        return vertices.Select(i => hull._points[i]).ToArray();
    }

    private bool Build()
    {
        if (!TryInitialSimplex(out int i0, out int i1, out int i2, out int i3))
            return false;
        // Orient the base triangle so that the fourth point lies below it.
        if (Orient(i0, i1, i2, _points[i3]) > 0)
            (i1, i2) = (i2, i1);
        int f0 = AddFace(i0, i1, i2);
        int f1 = AddFace(i0, i3, i1);
        int f2 = AddFace(i1, i3, i2);
        int f3 = AddFace(i2, i3, i0);
        int[] initial = [f0, f1, f2, f3];
        for (int i = 0; i < _points.Length; i++)
        {
            if (i == i0 || i == i1 || i == i2 || i == i3)
                continue;
            AssignToFace(i, initial);
        }

        var pending = new Stack<int>(initial);
        var visible = new List<int>();
        var horizon = new List<(int U, int V)>();
        var newFaces = new List<int>();
        var orphans = new List<int>();
        while (pending.Count > 0)
        {
            int fi = pending.Pop();
            var face = _faces[fi];
            if (!face.Alive || face.Outside.Count == 0)
                continue;
            int apex = Furthest(face);
            var p = _points[apex];

            CollectVisible(fi, p, visible, horizon);
            orphans.Clear();
            foreach (int v in visible)
            {
                var vf = _faces[v];
                foreach (int q in vf.Outside)
                    if (q != apex)
                        orphans.Add(q);
                RemoveFace(v);
            }
            newFaces.Clear();
            foreach (var (u, w) in horizon)
                newFaces.Add(AddFace(u, w, apex));
            foreach (int q in orphans)
                AssignToFace(q, newFaces);
            foreach (int nf in newFaces)
                if (_faces[nf].Outside.Count > 0)
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
        i0 = 0;
        i1 = -1;
        long best = 0;
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
        best = 0;
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

    private long Height(Face f, LatticePoint3 p) => f.Nz * p.Z + f.Ny * p.Y + f.Nx * p.X - f.Offset;

    private int AddFace(int a, int b, int c)
    {
        var pa = _points[a];
        var pb = _points[b];
        var pc = _points[c];
        long uz = pb.Z - pa.Z, uy = pb.Y - pa.Y, ux = pb.X - pa.X;
        long vz = pc.Z - pa.Z, vy = pc.Y - pa.Y, vx = pc.X - pa.X;
        var face = new Face
        {
            A = a, B = b, C = c,
            Nz = uy * vx - ux * vy,
            Ny = ux * vz - uz * vx,
            Nx = uz * vy - uy * vz,
        };
        face.Offset = face.Nz * pa.Z + face.Ny * pa.Y + face.Nx * pa.X;
        int id = _faces.Count;
        _faces.Add(face);
        _faceByEdge[EdgeKey(a, b)] = id;
        _faceByEdge[EdgeKey(b, c)] = id;
        _faceByEdge[EdgeKey(c, a)] = id;
        return id;
    }

    private void RemoveFace(int id)
    {
        var f = _faces[id];
        f.Alive = false;
        f.Outside = new List<int>();
        RemoveEdge(f.A, f.B, id);
        RemoveEdge(f.B, f.C, id);
        RemoveEdge(f.C, f.A, id);
    }

    private void RemoveEdge(int u, int v, int id)
    {
        long key = EdgeKey(u, v);
        if (_faceByEdge.TryGetValue(key, out int owner) && owner == id)
            _faceByEdge.Remove(key);
    }

    private long EdgeKey(int u, int v) => (long)u * _points.Length + v;

    private void AssignToFace(int point, IReadOnlyList<int> faces)
    {
        var p = _points[point];
        foreach (int fi in faces)
        {
            if (Height(_faces[fi], p) > 0)
            {
                _faces[fi].Outside.Add(point);
                return;
            }
        }
        // Inside or on the current hull: never a vertex of the final hull's half-spaces.
    }

    private int Furthest(Face f)
    {
        int best = f.Outside[0];
        long bestHeight = Height(f, _points[best]);
        foreach (int q in f.Outside)
        {
            long h = Height(f, _points[q]);
            if (h > bestHeight)
            {
                bestHeight = h;
                best = q;
            }
        }
        return best;
    }

    /// <summary>The faces p lies strictly above (connected around <paramref name="start"/>) and the
    /// directed edges bounding them, oriented as in the visible faces.</summary>
    private void CollectVisible(int start, LatticePoint3 p, List<int> visible, List<(int, int)> horizon)
    {
        visible.Clear();
        horizon.Clear();
        _stamp++;
        _faces[start].VisibleStamp = _stamp;
        visible.Add(start);
        for (int next = 0; next < visible.Count; next++)
        {
            var f = _faces[visible[next]];
            VisitAcross(f.B, f.A, p, visible);
            VisitAcross(f.C, f.B, p, visible);
            VisitAcross(f.A, f.C, p, visible);
        }
        foreach (int fi in visible)
        {
            var f = _faces[fi];
            AddIfHorizon(f.A, f.B, horizon);
            AddIfHorizon(f.B, f.C, horizon);
            AddIfHorizon(f.C, f.A, horizon);
        }
    }

    private void VisitAcross(int u, int v, LatticePoint3 p, List<int> visible)
    {
        int neighbour = _faceByEdge[EdgeKey(u, v)];
        var face = _faces[neighbour];
        if (face.VisibleStamp != _stamp && face.TestedStamp != _stamp)
        {
            face.TestedStamp = _stamp;
            if (Height(face, p) > 0)
            {
                face.VisibleStamp = _stamp;
                visible.Add(neighbour);
            }
        }
    }

    private void AddIfHorizon(int u, int v, List<(int, int)> horizon)
    {
        if (_faces[_faceByEdge[EdgeKey(v, u)]].VisibleStamp != _stamp)
            horizon.Add((u, v));
    }
}
