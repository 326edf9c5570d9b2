using SegMeasure.Core.Analysis.Clustering;

namespace SegMeasure.Core.Analysis.Embeddings;

/// <summary>
/// Exact k nearest neighbours by Euclidean distance, one row at a time (rows in parallel; the
/// result does not depend on scheduling): by brute force for small tables, through a k-d tree for
/// larger ones. Ties are broken by row number. The row itself is not among its neighbours.
/// </summary>
internal static class NearestNeighbors
{
    private const int BruteForceMaxRows = 3000;

    public static (int[][] Indices, double[][] Distances) Find(double[][] rows, int k, CancellationToken cancellation = default)
    {
        int n = rows.Length;
        k = Math.Min(k, n - 1);
        return n <= BruteForceMaxRows ? BruteForce(rows, k, cancellation) : WithTree(rows, k, cancellation);
    }

    private static (int[][] Indices, double[][] Distances) WithTree(double[][] rows, int k, CancellationToken cancellation)
    {
        int n = rows.Length;
        var tree = new KdTree(PointSet.FromRows(rows));
        var indices = new int[n][];
        var distances = new double[n][];
        Parallel.For(0, n, new ParallelOptions { CancellationToken = cancellation }, i =>
        {
            // k + 1 includes the row itself (or, among duplicates, one of its twins: drop the row if present, else the farthest).
            var (d, idx) = tree.Nearest(rows[i], k + 1);
            int skip = Array.IndexOf(idx, i);
            if (skip < 0) skip = idx.Length - 1;
            indices[i] = idx.Where((_, t) => t != skip).ToArray();
            distances[i] = d.Where((_, t) => t != skip).ToArray();
        });
        return (indices, distances);
    }

    private static (int[][] Indices, double[][] Distances) BruteForce(double[][] rows, int k, CancellationToken cancellation)
    {
        int n = rows.Length;
        var indices = new int[n][];
        var distances = new double[n][];
        Parallel.For(0, n, new ParallelOptions { CancellationToken = cancellation }, () => (new double[n], new int[n]), (i, _, buffers) =>
        {
            var (d2, order) = buffers;
            var xi = rows[i];
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                var xj = rows[j];
                for (int f = 0; f < xi.Length; f++)
                {
                    double t = xi[f] - xj[f];
                    sum += t * t;
                }

                d2[j] = j == i ? double.PositiveInfinity : sum;
                order[j] = j;
            }

            // Keys and row numbers sorted together: equal distances keep row order via the secondary pass.
            Array.Sort(d2, order);
            int count = 0;
            var idx = new int[k];
            var dist = new double[k];
            for (int j = 0; j < n && count < k; j++)
            {
                idx[count] = order[j];
                dist[count] = Math.Sqrt(d2[j]);
                count++;
            }

            SortTies(idx, dist);
            indices[i] = idx;
            distances[i] = dist;
            return buffers;
        }, _ => { });
        return (indices, distances);
    }

    /// <summary>Array.Sort is not stable: order runs of equal distance by row number.</summary>
    private static void SortTies(int[] idx, double[] dist)
    {
        int start = 0;
        for (int i = 1; i <= idx.Length; i++)
        {
            if (i < idx.Length && dist[i] == dist[start]) continue;
            if (i - start > 1) Array.Sort(idx, start, i - start);
            start = i;
        }
    }
}
