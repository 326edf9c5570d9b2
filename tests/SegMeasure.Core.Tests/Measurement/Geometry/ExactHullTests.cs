using SegMeasure.Core.Measurement.Geometry;

namespace SegMeasure.Core.Tests.Measurement.Geometry;

/// <summary>The exact hulls against brute force on small, highly degenerate integer point sets.</summary>
public class ExactHullTests
{
    [Theory]
    [InlineData(1, 3)]
    [InlineData(2, 5)]
    [InlineData(3, 40)]
    public void HalfSpaces3D_AreExactlyTheBruteForceFacetPlanes(int seed, int range)
    {
        var random = new Random(seed);
        for (int trial = 0; trial < 40; trial++)
        {
            int n = random.Next(4, 26);
            var points = Enumerable.Range(0, n)
                .Select(_ => new LatticePoint3(random.Next(range), random.Next(range), random.Next(range)))
                .ToList();
            var expected = BruteForcePlanes(points);
            var actual = ConvexHull3D.HalfSpaces(points);
            if (expected is null)
            {
                Assert.Null(actual);
                continue;
            }
            Assert.NotNull(actual);
            Assert.Equal(expected.OrderBy(Key), actual!.OrderBy(Key));
        }
    }

    [Fact]
    public void Vertices3D_OfACubeWithInteriorAndFacePoints_AreItsCorners()
    {
        var points = new List<LatticePoint3>();
        for (int z = 0; z <= 2; z++)
            for (int y = 0; y <= 2; y++)
                for (int x = 0; x <= 2; x++)
                    points.Add(new LatticePoint3(z, y, x));
        var vertices = ConvexHull3D.Vertices(points)!;
        Assert.Equal(8, vertices.Length);
        Assert.All(vertices, v => Assert.True(v.Z != 1 && v.Y != 1 && v.X != 1));
    }

    [Fact]
    public void Compute2D_KeepsOnlyStrictlyConvexVertices()
    {
        var random = new Random(4);
        for (int trial = 0; trial < 200; trial++)
        {
            var points = Enumerable.Range(0, random.Next(1, 20))
                .Select(_ => new LatticePoint2(random.Next(6), random.Next(6)))
                .ToList();
            var expected = points.Distinct().Where(p => !InsideOthers(p, points)).ToHashSet();
            var hull = ConvexHull2D.Compute(new List<LatticePoint2>(points));
            Assert.Equal(expected.Count, hull.Length);
            Assert.All(hull, v => Assert.Contains(v, expected));
            // Counter-clockwise: every point is left of or on every edge.
            if (hull.Length >= 3)
                for (int i = 0; i < hull.Length; i++)
                    Assert.All(points, p => Assert.True(ConvexHull2D.Cross(hull[i], hull[(i + 1) % hull.Length], p) >= 0));
        }
    }

    [Theory]
    [InlineData(7, 2, 3, 4)]
    [InlineData(-7, 2, -4, -3)]
    [InlineData(7, -2, -4, -3)]
    [InlineData(-7, -2, 3, 4)]
    [InlineData(6, 3, 2, 2)]
    [InlineData(-6, 3, -2, -2)]
    [InlineData(0, 5, 0, 0)]
    public void FloorAndCeilingDivision_RoundTheRightWay(long a, long b, long floor, long ceiling)
    {
        Assert.Equal(floor, LatticeMath.FloorDiv(a, b));
        Assert.Equal(ceiling, LatticeMath.CeilDiv(a, b));
    }

    private static (long, long, long, long) Key(HalfSpace h) => (h.A, h.B, h.C, h.E);

    /// <summary>Every plane through three points with all points on one side, oriented outwards and
    /// reduced; null when the points are coplanar.</summary>
    private static HashSet<HalfSpace>? BruteForcePlanes(List<LatticePoint3> points)
    {
        var planes = new HashSet<HalfSpace>();
        bool spans = false;
        var p = points.Distinct().ToList();
        for (int i = 0; i < p.Count; i++)
            for (int j = i + 1; j < p.Count; j++)
                for (int k = j + 1; k < p.Count; k++)
                {
                    long uz = p[j].Z - p[i].Z, uy = p[j].Y - p[i].Y, ux = p[j].X - p[i].X;
                    long vz = p[k].Z - p[i].Z, vy = p[k].Y - p[i].Y, vx = p[k].X - p[i].X;
                    long a = uy * vx - ux * vy, b = ux * vz - uz * vx, c = uz * vy - uy * vz;
                    if (a == 0 && b == 0 && c == 0)
                        continue;
                    long e = a * p[i].Z + b * p[i].Y + c * p[i].X;
                    int above = 0, below = 0;
                    foreach (var q in p)
                    {
                        long s = a * q.Z + b * q.Y + c * q.X - e;
                        if (s > 0) above++;
                        if (s < 0) below++;
                    }
                    if (above > 0 || below > 0)
                        spans = true;
                    if (above == 0)
                        planes.Add(new HalfSpace(a, b, c, e).Reduced());
                    else if (below == 0)
                        planes.Add(new HalfSpace(-a, -b, -c, -e).Reduced());
                }
        return spans ? planes : null;
    }

    /// <summary>Whether p lies in the closed hull of the other points (on a segment or in a triangle of them).</summary>
    private static bool InsideOthers(LatticePoint2 p, List<LatticePoint2> points)
    {
        var others = points.Where(q => q != p).Distinct().ToList();
        foreach (var a in others)
            foreach (var b in others)
            {
                if (a == b)
                    continue;
                if (ConvexHull2D.Cross(a, b, p) == 0 && Between(a, b, p))
                    return true;
                foreach (var c in others)
                {
                    if (c == a || c == b)
                        continue;
                    long d1 = ConvexHull2D.Cross(a, b, p), d2 = ConvexHull2D.Cross(b, c, p), d3 = ConvexHull2D.Cross(c, a, p);
                    if ((d1 >= 0 && d2 >= 0 && d3 >= 0) || (d1 <= 0 && d2 <= 0 && d3 <= 0))
                        if (ConvexHull2D.Cross(a, b, c) != 0)
                            return true;
                }
            }
        return false;
    }

    private static bool Between(LatticePoint2 a, LatticePoint2 b, LatticePoint2 p) =>
        Math.Min(a.U, b.U) <= p.U && p.U <= Math.Max(a.U, b.U) && Math.Min(a.V, b.V) <= p.V && p.V <= Math.Max(a.V, b.V);
}
