namespace SegMeasure.Core.Analysis.Clustering;

/// <summary>An undirected weighted edge between two points.</summary>
internal readonly record struct WeightedEdge(int A, int B, double Weight)
{
    /// <summary>A total order — weight, then the lower endpoint, then the higher — so ties break the same way everywhere.</summary>
    public static int Compare(WeightedEdge x, WeightedEdge y)
    {
        int c = x.Weight.CompareTo(y.Weight);
        if (c != 0) return c;
        c = Math.Min(x.A, x.B).CompareTo(Math.Min(y.A, y.B));
        return c != 0 ? c : Math.Max(x.A, x.B).CompareTo(Math.Max(y.A, y.B));
    }
}

/// <summary>
/// Minimum spanning trees of the mutual reachability graph used by HDBSCAN, where the weight of
/// an edge is max(core(a), core(b), ‖a − b‖). Small sets use Prim's algorithm on the implicit
/// dense graph (O(n²) time, O(n) memory); large sets use Borůvka's algorithm with k-d tree
/// searches that skip nodes lying entirely in the searching point's component or beyond the
/// best edge found so far.
/// </summary>
internal static class MinimumSpanningTree
{
    /// <summary>Above this many points Borůvka with a k-d tree replaces dense Prim.</summary>
    public const int DenseLimit = 4096;

    public static WeightedEdge[] MutualReachability(PointSet points, double[] core, int[][]? neighbors = null, CancellationToken cancellationToken = default) =>
        points.Count <= DenseLimit ? DensePrim(points, core, cancellationToken) : Boruvka(new KdTree(points), core, neighbors, cancellationToken);

    public static WeightedEdge[] DensePrim(PointSet points, double[] core, CancellationToken cancellationToken = default)
    {
        int n = points.Count;
        var edges = new WeightedEdge[Math.Max(0, n - 1)];
        if (n <= 1) return edges;
        var inTree = new bool[n];
        var best = new double[n];
        var from = new int[n];
        Array.Fill(best, double.PositiveInfinity);
        int current = 0;
        inTree[0] = true;
        for (int e = 0; e < n - 1; e++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var p = points[current];
            double coreCurrent = core[current];
            int next = -1;
            double nextWeight = double.PositiveInfinity;
            // Relax every vertex outside the tree against the vertex just added; the lightest is next.
            for (int j = 0; j < n; j++)
            {
                if (inTree[j]) continue;
                double w = Math.Max(Math.Sqrt(PointSet.SquaredDistance(p, points[j])), Math.Max(coreCurrent, core[j]));
                if (w < best[j])
                {
                    best[j] = w;
                    from[j] = current;
                }

                if (best[j] < nextWeight)
                {
                    nextWeight = best[j];
                    next = j;
                }
            }

            edges[e] = new WeightedEdge(from[next], next, nextWeight);
            inTree[next] = true;
            current = next;
        }

        return edges;
    }

    /// <param name="tree">A k-d tree over the points.</param>
    /// <param name="core">Core distances.</param>
    /// <param name="neighbors">Optionally, each point's nearest neighbours (those that gave its core distance): the
    /// first round then starts from them, since an edge to a neighbour whose core distance is no larger than the
    /// point's own weighs exactly that core distance, the least any edge from the point can weigh.</param>
    /// <param name="cancellationToken">Cancels between rounds.</param>
    public static WeightedEdge[] Boruvka(KdTree tree, double[] core, int[][]? neighbors = null, CancellationToken cancellationToken = default)
    {
        var points = tree.Points;
        int n = points.Count;
        var edges = new List<WeightedEdge>(Math.Max(0, n - 1));
        var sets = new DisjointSets(n);
        var component = new int[n];
        for (int i = 0; i < n; i++) component[i] = i;

        var nodes = tree.Nodes;
        // Smallest core distance under each node: no edge from a node can weigh less.
        var nodeCore = new double[nodes.Length];
        for (int id = nodes.Length - 1; id >= 0; id--)
        {
            var node = nodes[id];
            double min = double.PositiveInfinity;
            for (int p = node.Start; p < node.End; p++) min = Math.Min(min, core[tree.Order[p]]);
            nodeCore[id] = min;
        }

        var nodeComponent = new int[nodes.Length];
        var bestOfPoint = new WeightedEdge[n];
        bool firstRound = true;
        while (edges.Count < n - 1)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // A node wholly inside one component can be skipped by that component's searches.
            for (int id = nodes.Length - 1; id >= 0; id--)
            {
                var node = nodes[id];
                if (node.IsLeaf)
                {
                    int c = component[tree.Order[node.Start]];
                    for (int p = node.Start + 1; p < node.End && c >= 0; p++)
                        if (component[tree.Order[p]] != c) c = -1;
                    nodeComponent[id] = c;
                }
                else
                {
                    int l = nodeComponent[node.Left];
                    nodeComponent[id] = l >= 0 && l == nodeComponent[node.Right] ? l : -1;
                }
            }

            var bound = new double[n];
            Array.Fill(bound, double.PositiveInfinity);
            Parallel.For(0, n, new ParallelOptions { CancellationToken = cancellationToken }, i =>
            {
                bestOfPoint[i] = new WeightedEdge(i, -1, double.PositiveInfinity);
                int c = component[i];
                if (firstRound && neighbors is not null && FromNeighbors(i, neighbors[i], core) is { } shortcut)
                {
                    bestOfPoint[i] = shortcut;
                    LowerBound(ref bound[c], shortcut.Weight);
                    return;
                }

                // No edge from i can weigh less than its core distance.
                if (core[i] > Volatile.Read(ref bound[c])) return;
                var found = NearestOutside(tree, core, component, nodeComponent, nodeCore, i, Volatile.Read(ref bound[c]));
                bestOfPoint[i] = found;
                if (found.B >= 0) LowerBound(ref bound[c], found.Weight);
            });

            var bestOfComponent = new Dictionary<int, WeightedEdge>();
            for (int i = 0; i < n; i++)
            {
                var e = bestOfPoint[i];
                if (e.B < 0) continue;
                int c = component[i];
                if (!bestOfComponent.TryGetValue(c, out var current) || WeightedEdge.Compare(e, current) < 0) bestOfComponent[c] = e;
            }

            if (bestOfComponent.Count == 0) break;
            foreach (var e in bestOfComponent.Values.OrderBy(e => e, Comparer<WeightedEdge>.Create(WeightedEdge.Compare)))
                if (sets.Union(e.A, e.B)) edges.Add(e);
            for (int i = 0; i < n; i++) component[i] = sets.Find(i);
            firstRound = false;
        }

        return edges.ToArray();
    }

    /// <summary>The edge from singleton <paramref name="i"/> to a neighbour of no larger core distance, or null when there is none.</summary>
    private static WeightedEdge? FromNeighbors(int i, int[] neighbors, double[] core)
    {
        WeightedEdge? best = null;
        foreach (var j in neighbors)
        {
            if (j == i || core[j] > core[i]) continue;
            var edge = new WeightedEdge(i, j, core[i]);
            if (best is null || WeightedEdge.Compare(edge, best.Value) < 0) best = edge;
        }

        return best;
    }

    private static void LowerBound(ref double target, double value)
    {
        double seen = Volatile.Read(ref target);
        while (value < seen)
        {
            double previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen) return;
            seen = previous;
        }
    }

    /// <summary>The lightest mutual-reachability edge from point <paramref name="i"/> to another component; ties by <see cref="WeightedEdge.Compare"/>.</summary>
    private static WeightedEdge NearestOutside(KdTree tree, double[] core, int[] component, int[] nodeComponent, double[] nodeCore, int i, double bound)
    {
        var q = tree.Points[i];
        int c = component[i];
        double coreI = core[i];
        var best = new WeightedEdge(i, -1, double.PositiveInfinity);
        double limit = bound;
        Span<int> stack = stackalloc int[128];
        Span<double> stackBound = stackalloc double[128];
        int top = 0;
        stack[top] = 0;
        stackBound[top++] = coreI;
        var nodes = tree.Nodes;
        while (top > 0)
        {
            top--;
            int id = stack[top];
            // Equal weights are still searched so ties resolve identically whatever the timing.
            if (stackBound[top] > Math.Min(limit, best.Weight)) continue;
            if (nodeComponent[id] == c) continue;
            var node = nodes[id];
            if (node.IsLeaf)
            {
                for (int p = node.Start; p < node.End; p++)
                {
                    int j = tree.Order[p];
                    if (component[j] == c) continue;
                    double w = Math.Max(Math.Max(coreI, core[j]), Math.Sqrt(PointSet.SquaredDistance(q, tree.SortedPoint(p))));
                    var candidate = new WeightedEdge(i, j, w);
                    if (w <= limit && (best.B < 0 || WeightedEdge.Compare(candidate, best) < 0)) best = candidate;
                }
            }
            else
            {
                double bl = Math.Max(Math.Max(coreI, nodeCore[node.Left]), Math.Sqrt(tree.MinSquaredDistance(node.Left, q)));
                double br = Math.Max(Math.Max(coreI, nodeCore[node.Right]), Math.Sqrt(tree.MinSquaredDistance(node.Right, q)));
                if (bl <= br)
                {
                    stack[top] = node.Right; stackBound[top++] = br;
                    stack[top] = node.Left; stackBound[top++] = bl;
                }
                else
                {
                    stack[top] = node.Left; stackBound[top++] = bl;
                    stack[top] = node.Right; stackBound[top++] = br;
                }
            }
        }

        return best;
    }
}
