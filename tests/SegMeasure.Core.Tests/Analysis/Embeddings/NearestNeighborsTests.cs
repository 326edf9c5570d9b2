using SegMeasure.Core.Analysis;
using SegMeasure.Core.Analysis.Embeddings;

namespace SegMeasure.Core.Tests.Analysis;

public class NearestNeighborsTests
{
    [Theory]
    [InlineData(500)]   // brute force
    [InlineData(3500)]  // k-d tree
    public void Neighbours_are_the_k_closest_other_rows(int n)
    {
        var random = new Random(3);
        var rows = Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, 4).Select(_ => Math.Round(random.NextDouble() * 10, 1)).ToArray()).ToArray();
        rows[1] = (double[])rows[0].Clone(); // a duplicate
        var (indices, distances) = NearestNeighbors.Find(rows, 15);
        for (int i = 0; i < n; i += n / 100)
        {
            var expected = Enumerable.Range(0, n).Where(j => j != i)
                .Select(j => Math.Sqrt(rows[i].Zip(rows[j], (a, b) => (a - b) * (a - b)).Sum()))
                .Order().Take(15).ToArray();
            Assert.DoesNotContain(i, indices[i]);
            Assert.Equal(15, indices[i].Distinct().Count());
            for (int t = 0; t < 15; t++)
            {
                Assert.Equal(expected[t], distances[i][t], 1e-12);
                Assert.Equal(distances[i][t], Math.Sqrt(rows[i].Zip(rows[indices[i][t]], (a, b) => (a - b) * (a - b)).Sum()), 1e-12);
            }
        }

        Assert.Equal(1, indices[0][0]);
        Assert.Equal(0.0, distances[0][0]);
    }
}
