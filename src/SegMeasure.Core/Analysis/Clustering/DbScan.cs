namespace SegMeasure.Core.Analysis.Clustering;

/// <summary>
/// DBSCAN (Ester et al. 1996) with scikit-learn's semantics: a point is a core point when at
/// least <c>minSamples</c> points — itself included — lie within distance <c>eps</c> (inclusive);
/// clusters grow from core points through their neighbourhoods; a non-core point reached from a
/// core point joins the first cluster that reaches it; everything else is noise (-1). Clusters
/// are numbered from 0 in the order of their first core point in the input, exactly as
/// scikit-learn numbers them. Neighbourhoods come from a k-d tree, never from all pairs.
/// </summary>
internal static class DbScan
{
    public static int[] Fit(PointSet points, double eps, int minSamples, CancellationToken cancellationToken = default)
    {
        if (!(eps > 0) || !double.IsFinite(eps))
            throw new SegMeasureException("SegMeasure.InvalidEps", ErrorKind.InvalidArgument, $"eps must be a positive number (got {eps})");
        if (minSamples < 1)
            throw new SegMeasureException("SegMeasure.InvalidMinSamples", ErrorKind.InvalidArgument, $"min_samples must be at least 1 (got {minSamples})");

        int n = points.Count;
        var tree = new KdTree(points);
        // Only core points' neighbourhoods are ever expanded, so only those are kept.
        var neighbors = new int[]?[n];
        Parallel.For(0, n, new ParallelOptions { CancellationToken = cancellationToken },
            () => new List<int>(),
            (i, _, buffer) =>
            {
                buffer.Clear();
                tree.RadiusNeighbors(points[i], eps, buffer);
                if (buffer.Count >= minSamples) neighbors[i] = buffer.ToArray();
                return buffer;
            },
            _ => { });

        var labels = new int[n];
        Array.Fill(labels, -1);
        var stack = new Stack<int>();
        int next = 0;
        for (int seed = 0; seed < n; seed++)
        {
            if (labels[seed] != -1 || neighbors[seed] is null) continue;
            cancellationToken.ThrowIfCancellationRequested();
            int i = seed;
            while (true)
            {
                if (labels[i] == -1)
                {
                    labels[i] = next;
                    if (neighbors[i] is { } around)
                        foreach (var j in around)
                            if (labels[j] == -1) stack.Push(j);
                }

                if (stack.Count == 0) break;
                i = stack.Pop();
            }

            next++;
        }

        return labels;
    }
}
