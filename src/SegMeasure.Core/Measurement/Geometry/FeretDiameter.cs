namespace SegMeasure.Core.Measurement.Geometry;

/// <summary>Maximum Feret (caliper) diameter of an object.</summary>
internal static class FeretDiameter
{
    /// <summary>
    /// regionprops' <c>feret_diameter_max</c> as scikit-image 0.19.3 defines it, in physical units:
    /// the largest distance between two vertices of the iso-0.5 contour (2D, <c>find_contours</c>) or
    /// marching-cubes mesh (3D) of the object's convex hull image (<see cref="ConvexHullImage"/>),
    /// with the vertex coordinates multiplied by the spacing. For 2D masks <paramref name="sz"/> is
    /// ignored. 0 for an empty mask.
    /// </summary>
    /// <remarks>
    /// The contour vertices of a binary image at level 0.5 are the midpoints of the edges between a
    /// hull voxel and a non-hull voxel (plus, in 3D, the cube centres some marching-cubes
    /// configurations add). Only the outermost of them on each grid line can be extreme, and the
    /// largest distance is attained between vertices of their convex hull, so the search runs over
    /// those few points.
    /// </remarks>
    public static double Max(ObjectMask mask, double sz, double sy, double sx)
    {
        ArgumentNullException.ThrowIfNull(mask);
        if (mask.Count == 0)
            return 0.0;
        var hull = ConvexHullImage.Compute(mask);
        return mask.Is2D ? Max2D(hull, sy, sx) : Max3D(hull, sz, sy, sx);
    }

    private static double Max2D(ObjectMask hull, double sy, double sx)
    {
        var extremes = new RowExtremes(levels: 1, lines: 2 * hull.Height + 3, levelOrigin: 0);
        int h = hull.Height, w = hull.Width;
        bool Inside(int y, int x) => y >= 0 && y < h && x >= 0 && x < w && hull.Voxels[y * w + x];
        // Doubled coordinates: the midpoint between (y, x) and (y, x+1) is (2y, 2x+1).
        for (int y = -1; y < h; y++)
            for (int x = -1; x < w; x++)
            {
                bool here = Inside(y, x);
                if (here != Inside(y, x + 1))
                    extremes.Add(0, 2L * y, 2L * x + 1);
                if (here != Inside(y + 1, x))
                    extremes.Add(0, 2L * y + 1, 2L * x);
            }
        var polygon = ConvexHull2D.Compute(extremes.Points().Select(p => new LatticePoint2(p.Y, p.X)).ToList());
        return LargestDistance(polygon.Select(p => new LatticePoint3(0, p.U, p.V)).ToArray(), 0, sy, sx);
    }

    private static double Max3D(ObjectMask hull, double sz, double sy, double sx)
    {
        var extremes = new RowExtremes(levels: 2 * hull.Depth + 3, lines: 2 * hull.Height + 3, levelOrigin: 2);
        // The mesh vertices are those of the per-configuration triangles the surface area uses.
        var collector = new MeshVertexCollector(extremes);
        SurfaceArea.ScanCubes(hull, ref collector);
        var points = extremes.Points();
        var vertices = ConvexHull3D.Vertices(points) ?? points.ToArray();
        return LargestDistance(vertices, sz, sy, sx);
    }

    /// <summary>Largest distance between two of the points (doubled coordinates) after scaling.</summary>
    private static double LargestDistance(IReadOnlyList<LatticePoint3> points, double sz, double sy, double sx)
    {
        double hz = 0.5 * sz, hy = 0.5 * sy, hx = 0.5 * sx;
        double best = 0.0;
        for (int i = 0; i < points.Count; i++)
        {
            var p = points[i];
            for (int j = i + 1; j < points.Count; j++)
            {
                var q = points[j];
                double dz = (p.Z - q.Z) * hz, dy = (p.Y - q.Y) * hy, dx = (p.X - q.X) * hx;
                double squared = dz * dz + dy * dy + dx * dx;
                if (squared > best)
                    best = squared;
            }
        }
        return Math.Sqrt(best);
    }

    private readonly struct MeshVertexCollector(RowExtremes extremes) : SurfaceArea.ICubeVisitor
    {
        public void Visit(int z, int y, int x, int configuration)
        {
            foreach (char code in MarchingCubesTriangles.ByConfiguration[configuration])
            {
                int k = code - 'a';
                extremes.Add(2L * z + k / 9, 2L * y + k / 3 % 3, 2L * x + k % 3);
            }
        }
    }

    /// <summary>Keeps, for each line of constant (z, y), the points with the smallest and largest x.
    /// Coordinates are doubled mask coordinates from −2 (the padding) upwards.</summary>
    private sealed class RowExtremes
    {
        private const long LineOrigin = 2;
        private readonly int _lines;
        private readonly long _levelOrigin;
        private readonly long[] _min;
        private readonly long[] _max;

        public RowExtremes(int levels, int lines, long levelOrigin)
        {
            _lines = lines;
            _levelOrigin = levelOrigin;
            _min = new long[levels * lines];
            _max = new long[levels * lines];
            Array.Fill(_min, long.MaxValue);
            Array.Fill(_max, long.MinValue);
        }

        public void Add(long z, long y, long x)
        {
            long line = (z + _levelOrigin) * _lines + y + LineOrigin;
            if (x < _min[line]) _min[line] = x;
            if (x > _max[line]) _max[line] = x;
        }

        /// <summary>The extreme points of each level that are vertices of that level's planar hull
        /// (no other point can be a vertex of the 3D hull).</summary>
        public List<LatticePoint3> Points()
        {
            var points = new List<LatticePoint3>();
            var level = new List<LatticePoint2>();
            int levels = _min.Length / _lines;
            for (int l = 0; l < levels; l++)
            {
                level.Clear();
                for (int line = l * _lines; line < (l + 1) * _lines; line++)
                {
                    if (_min[line] > _max[line])
                        continue;
                    long y = line % _lines - LineOrigin;
                    level.Add(new LatticePoint2(y, _min[line]));
                    if (_max[line] != _min[line])
                        level.Add(new LatticePoint2(y, _max[line]));
                }
                foreach (var p in ConvexHull2D.ComputeSorted(level))
                    points.Add(new LatticePoint3(l - _levelOrigin, p.U, p.V));
            }
            return points;
        }
    }
}
