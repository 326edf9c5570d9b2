namespace SegMeasure.Core.Analysis.Clustering;

/// <summary>The result of Ward clustering.</summary>
/// <param name="Labels">0-based cluster of every point, numbered by first appearance in the input.</param>
/// <param name="Inertia">Within-cluster sum of squared distances to the cluster means.</param>
/// <param name="Merges">The full hierarchy as merge heights (scipy's Ward distance), ascending.</param>
internal sealed record WardResult(int[] Labels, double Inertia, double[] Merges);

/// <summary>
/// Agglomerative clustering with Ward's minimum-variance linkage, cut at a number of clusters.
/// Built with the nearest-neighbour-chain algorithm on cluster centroids, where merging A and B
/// costs 2·|A||B|/(|A|+|B|)·‖c_A − c_B‖² (scipy's Ward distance, squared) — exact for Ward because
/// the linkage is reducible — in O(n²·d) time and O(n·d) memory.
/// </summary>
internal static class Ward
{
    public static WardResult Fit(PointSet points, int clusters, CancellationToken cancellationToken = default)
    {
        int n = points.Count, d = points.Dimensions;
        if (clusters < 1 || clusters > n)
            throw new SegMeasureException("SegMeasure.InvalidClusterCount", ErrorKind.InvalidArgument,
                $"Ward clustering needs between 1 and {n} clusters for {n} row(s) (got {clusters})");

        var centroid = new double[n * d];
        Array.Copy(points.Data, centroid, centroid.Length);
        var size = Enumerable.Repeat(1, n).ToArray();
        var active = Enumerable.Repeat(true, n).ToArray();
        var merges = new List<(double Height, int A, int B)>(n - 1);
        var chain = new List<int>(n);
        int remaining = n;

        double Cost(int a, int b)
        {
            double dist = PointSet.SquaredDistance(new ReadOnlySpan<double>(centroid, a * d, d), new ReadOnlySpan<double>(centroid, b * d, d));
            return 2.0 * size[a] * size[b] / (size[a] + size[b]) * dist;
        }

        while (remaining > 1)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (chain.Count == 0) chain.Add(Array.IndexOf(active, true));
            int top = chain[^1];
            int previous = chain.Count > 1 ? chain[^2] : -1;
            // Ties prefer the previous chain element, which keeps the chain from cycling.
            int nearest = previous;
            double nearestCost = previous >= 0 ? Cost(top, previous) : double.PositiveInfinity;
            for (int j = 0; j < n; j++)
            {
                if (!active[j] || j == top) continue;
                double c = Cost(top, j);
                if (c < nearestCost)
                {
                    nearestCost = c;
                    nearest = j;
                }
            }

            if (nearest == previous)
            {
                chain.RemoveRange(chain.Count - 2, 2);
                // The merged cluster takes the higher slot and the lower one leaves, as scipy's chain
                // does: with tied costs (duplicate rows) the scan order then breaks ties alike.
                int keep = Math.Max(top, previous), drop = Math.Min(top, previous);
                merges.Add((Math.Sqrt(nearestCost), keep, drop));
                int total = size[keep] + size[drop];
                for (int j = 0; j < d; j++)
                    centroid[keep * d + j] = (centroid[keep * d + j] * size[keep] + centroid[drop * d + j] * size[drop]) / total;
                size[keep] = total;
                active[drop] = false;
                remaining--;
            }
            else
            {
                chain.Add(nearest);
            }
        }

        // The chain finds merges out of order; the dendrogram cut uses them by height.
        var ordered = merges.Select((m, i) => (m, i)).OrderBy(x => x.m.Height).ThenBy(x => x.i).Select(x => x.m).ToArray();
        var sets = new DisjointSets(n);
        for (int m = 0; m < n - clusters; m++) sets.Union(ordered[m].A, ordered[m].B);
        var raw = new int[n];
        for (int i = 0; i < n; i++) raw[i] = sets.Find(i);
        var labels = ClusterNumbering.ByFirstAppearance(raw);
        return new WardResult(labels, Inertia(points, labels, clusters), ordered.Select(m => m.Height).ToArray());
    }

    internal static double Inertia(PointSet points, int[] labels, int clusters)
    {
        int d = points.Dimensions;
        var sums = new double[clusters * d];
        var counts = new int[clusters];
        for (int i = 0; i < points.Count; i++)
        {
            counts[labels[i]]++;
            for (int j = 0; j < d; j++) sums[labels[i] * d + j] += points[i][j];
        }

        for (int c = 0; c < clusters; c++)
            for (int j = 0; j < d; j++) sums[c * d + j] /= Math.Max(1, counts[c]);
        double inertia = 0;
        for (int i = 0; i < points.Count; i++)
            inertia += PointSet.SquaredDistance(points[i], new ReadOnlySpan<double>(sums, labels[i] * d, d));
        return inertia;
    }
}
