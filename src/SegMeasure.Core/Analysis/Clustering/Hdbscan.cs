namespace SegMeasure.Core.Analysis.Clustering;

/// <summary>
/// HDBSCAN* (Campello, Moulavi &amp; Sander 2013; McInnes, Healy &amp; Astels 2017) with the hdbscan
/// library's definitions:
/// <list type="number">
/// <item>core distance = distance to the <c>minSamples</c>-th nearest point, the point itself
/// counted (scikit-learn's convention; <c>minSamples</c> defaults to <c>minClusterSize</c>);</item>
/// <item>minimum spanning tree of the mutual reachability distance
/// max(core(a), core(b), ‖a − b‖) (<see cref="MinimumSpanningTree"/>);</item>
/// <item>the single-linkage hierarchy of that tree, condensed so that a split only counts when
/// both sides hold at least <c>minClusterSize</c> points (smaller sides "fall out" as points);</item>
/// <item>excess-of-mass selection: a cluster's stability is Σ (λ_leave − λ_birth) over its points
/// with λ = 1 / distance; walking up from the leaves, a cluster is kept unless its descendants'
/// selected stabilities sum to more; the root is never a cluster;</item>
/// <item>every point takes the selected cluster it lies in, or noise (-1).</item>
/// </list>
/// Clusters are numbered from 0 in condensed-tree order (the order in which the top-down walk of
/// the hierarchy creates them), as the hdbscan library numbers them.
/// </summary>
internal static class Hdbscan
{
    /// <summary>One row of the condensed tree: <paramref name="Child"/> (a point below <c>n</c>, or a cluster) leaves <paramref name="Parent"/> at λ = <paramref name="Lambda"/>.</summary>
    public readonly record struct CondensedEdge(int Parent, int Child, double Lambda, int ChildSize);

    public static int[] Fit(PointSet points, int minClusterSize = 5, int? minSamples = null, CancellationToken cancellationToken = default)
    {
        if (minClusterSize < 2)
            throw new SegMeasureException("SegMeasure.InvalidMinClusterSize", ErrorKind.InvalidArgument, $"min_cluster_size must be at least 2 (got {minClusterSize})");
        int k = minSamples ?? minClusterSize;
        if (k < 1)
            throw new SegMeasureException("SegMeasure.InvalidMinSamples", ErrorKind.InvalidArgument, $"min_samples must be at least 1 (got {k})");
        int n = points.Count;
        if (n < 2) return Enumerable.Repeat(-1, n).ToArray();
        k = Math.Min(k, n);

        var (core, neighbors) = CoreDistancesAndNeighbors(points, k, cancellationToken);
        var mst = MinimumSpanningTree.MutualReachability(points, core, neighbors, cancellationToken);
        var hierarchy = SingleLinkage(mst, n);
        var condensed = Condense(hierarchy, n, minClusterSize);
        return Label(condensed, n, SelectClusters(condensed, n));
    }

    public static double[] CoreDistances(PointSet points, int k, CancellationToken cancellationToken = default) =>
        CoreDistancesAndNeighbors(points, k, cancellationToken).Core;

    /// <summary>Core distances and, per point, the <paramref name="k"/> nearest points they come from.</summary>
    public static (double[] Core, int[][] Neighbors) CoreDistancesAndNeighbors(PointSet points, int k, CancellationToken cancellationToken = default)
    {
        var core = new double[points.Count];
        var neighbors = new int[points.Count][];
        if (k <= 1)
        {
            for (int i = 0; i < neighbors.Length; i++) neighbors[i] = [i];
            return (core, neighbors);
        }

        var tree = new KdTree(points);
        Parallel.For(0, points.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var (distances, indices) = tree.Nearest(points[i], k);
            core[i] = distances[^1];
            neighbors[i] = indices;
        });
        return (core, neighbors);
    }

    /// <summary>
    /// The single-linkage merge list of a spanning tree, as scipy's linkage matrix: merge m joins
    /// nodes Left and Right (points are 0…n−1, merge m creates node n + m) at Distance, giving Size points.
    /// </summary>
    public static (int Left, int Right, double Distance, int Size)[] SingleLinkage(WeightedEdge[] mst, int n)
    {
        var sorted = mst.OrderBy(e => e, Comparer<WeightedEdge>.Create(WeightedEdge.Compare)).ToArray();
        var parent = new int[2 * n - 1];
        var size = new int[2 * n - 1];
        for (int i = 0; i < parent.Length; i++)
        {
            parent[i] = i;
            size[i] = i < n ? 1 : 0;
        }

        int Find(int x)
        {
            while (parent[x] != x)
            {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }

            return x;
        }

        var merges = new (int, int, double, int)[sorted.Length];
        for (int m = 0; m < sorted.Length; m++)
        {
            int a = Find(sorted[m].A), b = Find(sorted[m].B);
            int node = n + m;
            merges[m] = (a, b, sorted[m].Weight, size[a] + size[b]);
            parent[a] = node;
            parent[b] = node;
            size[node] = size[a] + size[b];
        }

        return merges;
    }

    /// <summary>Condenses the hierarchy: clusters are labelled n, n+1, … with n the root.</summary>
    public static List<CondensedEdge> Condense((int Left, int Right, double Distance, int Size)[] hierarchy, int n, int minClusterSize)
    {
        int root = 2 * n - 2;
        var relabel = new int[root + 1];
        var ignore = new bool[root + 1];
        relabel[root] = n;
        int nextLabel = n + 1;
        var result = new List<CondensedEdge>(2 * n);

        int SizeOf(int node) => node >= n ? hierarchy[node - n].Size : 1;

        void FallOut(int parentLabel, int subtree, double lambda)
        {
            foreach (var sub in BreadthFirst(hierarchy, n, subtree))
            {
                if (sub < n) result.Add(new CondensedEdge(parentLabel, sub, lambda, 1));
                ignore[sub] = true;
            }
        }

        foreach (var node in BreadthFirst(hierarchy, n, root))
        {
            if (ignore[node] || node < n) continue;
            var (left, right, distance, _) = hierarchy[node - n];
            double lambda = distance > 0 ? 1.0 / distance : double.PositiveInfinity;
            int leftCount = SizeOf(left), rightCount = SizeOf(right);
            int label = relabel[node];
            if (leftCount >= minClusterSize && rightCount >= minClusterSize)
            {
                relabel[left] = nextLabel++;
                result.Add(new CondensedEdge(label, relabel[left], lambda, leftCount));
                relabel[right] = nextLabel++;
                result.Add(new CondensedEdge(label, relabel[right], lambda, rightCount));
            }
            else if (leftCount < minClusterSize && rightCount < minClusterSize)
            {
                FallOut(label, left, lambda);
                FallOut(label, right, lambda);
            }
            else if (leftCount < minClusterSize)
            {
                relabel[right] = label;
                FallOut(label, left, lambda);
            }
            else
            {
                relabel[left] = label;
                FallOut(label, right, lambda);
            }
        }

        return result;
    }

    /// <summary>Nodes of the subtree under <paramref name="start"/>, level by level, left before right.</summary>
    private static List<int> BreadthFirst((int Left, int Right, double Distance, int Size)[] hierarchy, int n, int start)
    {
        var result = new List<int> { start };
        for (int i = 0; i < result.Count; i++)
        {
            int node = result[i];
            if (node < n) continue;
            result.Add(hierarchy[node - n].Left);
            result.Add(hierarchy[node - n].Right);
        }

        return result;
    }

    /// <summary>Excess-of-mass selection; returns the selected cluster labels.</summary>
    public static HashSet<int> SelectClusters(List<CondensedEdge> condensed, int n)
    {
        var selected = new HashSet<int>();
        if (condensed.Count == 0) return selected;
        int maxLabel = condensed.Max(e => Math.Max(e.Parent, e.Child));
        int clusterCount = maxLabel - n + 1;
        var birth = new double[clusterCount];
        var stability = new double[clusterCount];
        foreach (var e in condensed)
            if (e.Child >= n) birth[e.Child - n] = e.Lambda;
        birth[0] = 0;
        foreach (var e in condensed)
        {
            // Identical rows merge at distance 0 (λ = ∞); a cluster born and left at λ = ∞ adds nothing rather than NaN.
            double born = birth[e.Parent - n];
            stability[e.Parent - n] += (e.Lambda == born ? 0 : e.Lambda - born) * e.ChildSize;
        }

        var children = new List<int>[clusterCount];
        for (int c = 0; c < clusterCount; c++) children[c] = [];
        foreach (var e in condensed)
            if (e.ChildSize > 1) children[e.Parent - n].Add(e.Child - n);

        var isCluster = new bool[clusterCount];
        // Children carry larger labels than their parents: walk from the largest label up, never the root.
        for (int c = clusterCount - 1; c >= 1; c--)
        {
            isCluster[c] = true;
            double subtree = 0;
            foreach (var child in children[c]) subtree += stability[child];
            if (subtree > stability[c])
            {
                isCluster[c] = false;
                stability[c] = subtree;
            }
            else
            {
                var stack = new Stack<int>(children[c]);
                while (stack.Count > 0)
                {
                    int d = stack.Pop();
                    isCluster[d] = false;
                    foreach (var g in children[d]) stack.Push(g);
                }
            }
        }

        for (int c = 1; c < clusterCount; c++)
            if (isCluster[c]) selected.Add(c + n);
        return selected;
    }

    /// <summary>Each point takes the nearest selected cluster above it in the condensed tree, or -1.</summary>
    public static int[] Label(List<CondensedEdge> condensed, int n, HashSet<int> selected)
    {
        var labels = new int[n];
        Array.Fill(labels, -1);
        if (condensed.Count == 0) return labels;
        int maxLabel = condensed.Max(e => Math.Max(e.Parent, e.Child));
        var parentOf = new int[maxLabel + 1];
        Array.Fill(parentOf, -1);
        foreach (var e in condensed) parentOf[e.Child] = e.Parent;
        var order = selected.OrderBy(c => c).Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        var resolved = new Dictionary<int, int>();
        for (int p = 0; p < n; p++)
        {
            int cluster = parentOf[p];
            if (cluster < 0) continue;
            if (!resolved.TryGetValue(cluster, out var label))
            {
                int c = cluster;
                while (c > n && !selected.Contains(c)) c = parentOf[c];
                label = selected.Contains(c) ? order[c] : -1;
                resolved[cluster] = label;
            }

            labels[p] = label;
        }

        return labels;
    }
}
