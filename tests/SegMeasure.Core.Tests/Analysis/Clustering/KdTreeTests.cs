using SegMeasure.Core.Analysis.Clustering;

namespace SegMeasure.Core.Tests.Analysis.Clustering;

public class KdTreeTests
{
    private static PointSet RandomPoints(int n, int d, int seed, bool withDuplicates = false)
    {
        var random = new Random(seed);
        var data = new double[n * d];
        for (int i = 0; i < data.Length; i++) data[i] = Math.Round(random.NextDouble() * 4, withDuplicates ? 1 : 12);
        return new PointSet(data, n, d);
    }

    [Theory]
    [InlineData(500, 2, 0.3)]
    [InlineData(2000, 5, 1.0)]
    [InlineData(300, 20, 3.0)]
    public void Radius_queries_equal_brute_force(int n, int d, double radius)
    {
        var points = RandomPoints(n, d, n + d, withDuplicates: d == 2);
        var tree = new KdTree(points);
        var found = new List<int>();
        for (int i = 0; i < n; i += 7)
        {
            found.Clear();
            tree.RadiusNeighbors(points[i], radius, found);
            var expected = Enumerable.Range(0, n).Where(j => Math.Sqrt(points.SquaredDistance(i, j)) <= radius).ToArray();
            Assert.Equal(expected, found.OrderBy(j => j).ToArray());
        }
    }

    [Theory]
    [InlineData(1000, 3, 1)]
    [InlineData(1000, 3, 15)]
    [InlineData(400, 12, 40)]
    public void Nearest_distances_equal_brute_force(int n, int d, int k)
    {
        var points = RandomPoints(n, d, k);
        var tree = new KdTree(points);
        for (int i = 0; i < n; i += 11)
        {
            var expected = Enumerable.Range(0, n).Select(j => Math.Sqrt(points.SquaredDistance(i, j))).OrderBy(v => v).Take(k).ToArray();
            Assert.Equal(expected, tree.NearestDistances(points[i], k));
        }
    }
}
