namespace SegMeasure.Core.Analysis.Clustering;

/// <summary>
/// A k-d tree over a <see cref="PointSet"/> for radius and k-nearest-neighbour queries: nodes
/// split at the median of their widest dimension and keep a bounding box, so a query skips every
/// node whose box lies beyond its current radius. Points are copied in tree order for locality.
/// Immutable after construction and safe to query from several threads.
/// </summary>
internal sealed class KdTree
{
    private const int LeafSize = 24;

    private readonly int _d;
    private readonly List<Node> _nodes = [];

    internal readonly record struct Node(int Start, int End, int Left, int Right)
    {
        public bool IsLeaf => Left < 0;
    }

    public KdTree(PointSet points)
    {
        Points = points;
        _d = points.Dimensions;
        Order = Enumerable.Range(0, points.Count).ToArray();
        var lower = new List<double>();
        var upper = new List<double>();
        if (points.Count > 0) Build(0, points.Count, lower, upper);
        Lower = lower.ToArray();
        Upper = upper.ToArray();
        Nodes = _nodes.ToArray();
        Sorted = new double[points.Data.Length];
        for (int i = 0; i < Order.Length; i++) points[Order[i]].CopyTo(Sorted.AsSpan(i * _d, _d));
    }

    public PointSet Points { get; }

    /// <summary>Original point index at each tree position.</summary>
    internal int[] Order { get; }

    /// <summary>Point coordinates in tree order.</summary>
    internal double[] Sorted { get; }

    internal Node[] Nodes { get; }

    /// <summary>Bounding boxes, <c>Dimensions</c> values per node.</summary>
    internal double[] Lower { get; }

    internal double[] Upper { get; }

    private int Build(int start, int end, List<double> lower, List<double> upper)
    {
        int id = _nodes.Count;
        _nodes.Add(default);
        int widest = 0;
        double widestSpread = -1;
        for (int j = 0; j < _d; j++)
        {
            double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
            for (int i = start; i < end; i++)
            {
                double v = Points.Data[Order[i] * _d + j];
                if (v < lo) lo = v;
                if (v > hi) hi = v;
            }

            lower.Add(lo);
            upper.Add(hi);
            if (hi - lo > widestSpread)
            {
                widestSpread = hi - lo;
                widest = j;
            }
        }

        if (end - start <= LeafSize || widestSpread <= 0)
        {
            _nodes[id] = new Node(start, end, -1, -1);
            return id;
        }

        int middle = (start + end) / 2;
        Select(start, end - 1, middle, widest);
        int left = Build(start, middle, lower, upper);
        int right = Build(middle, end, lower, upper);
        _nodes[id] = new Node(start, end, left, right);
        return id;
    }

    /// <summary>Partially orders <see cref="Order"/>[lo..hi] so position <paramref name="k"/> holds the k-th value of dimension <paramref name="dim"/>.</summary>
    private void Select(int lo, int hi, int k, int dim)
    {
        var data = Points.Data;
        while (lo < hi)
        {
            double pivot = data[Order[(lo + hi) >>> 1] * _d + dim];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (data[Order[i] * _d + dim] < pivot) i++;
                while (data[Order[j] * _d + dim] > pivot) j--;
                if (i <= j)
                {
                    (Order[i], Order[j]) = (Order[j], Order[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j) hi = j;
            else if (k >= i) lo = i;
            else return;
        }
    }

    /// <summary>Squared distance from <paramref name="q"/> to the bounding box of node <paramref name="node"/>.</summary>
    internal double MinSquaredDistance(int node, ReadOnlySpan<double> q)
    {
        var lo = Lower.AsSpan(node * _d, _d);
        var hi = Upper.AsSpan(node * _d, _d);
        double sum = 0;
        for (int j = 0; j < _d; j++)
        {
            double v = q[j];
            double diff = v < lo[j] ? lo[j] - v : v > hi[j] ? v - hi[j] : 0;
            sum += diff * diff;
        }

        return sum;
    }

    internal ReadOnlySpan<double> SortedPoint(int position) => new(Sorted, position * _d, _d);

    /// <summary>Adds to <paramref name="result"/> every point within distance <paramref name="radius"/> (inclusive) of <paramref name="q"/>.</summary>
    public void RadiusNeighbors(ReadOnlySpan<double> q, double radius, List<int> result)
    {
        if (Nodes.Length == 0) return;
        double r2 = radius * radius;
        Span<int> stack = stackalloc int[128];
        int top = 0;
        stack[top++] = 0;
        while (top > 0)
        {
            int id = stack[--top];
            if (MinSquaredDistance(id, q) > r2) continue;
            var node = Nodes[id];
            if (node.IsLeaf)
            {
                for (int p = node.Start; p < node.End; p++)
                    if (PointSet.SquaredDistance(q, SortedPoint(p)) <= r2) result.Add(Order[p]);
            }
            else
            {
                stack[top++] = node.Right;
                stack[top++] = node.Left;
            }
        }
    }

    /// <summary>
    /// Distances (ascending) to the <paramref name="k"/> nearest points of <paramref name="q"/>
    /// — a point of the set is its own nearest neighbour at distance 0.
    /// </summary>
    public double[] NearestDistances(ReadOnlySpan<double> q, int k)
    {
        var (distances, _) = Nearest(q, k);
        return distances;
    }

    /// <summary>The <paramref name="k"/> nearest points of <paramref name="q"/>, ascending by distance.</summary>
    public (double[] Distances, int[] Indices) Nearest(ReadOnlySpan<double> q, int k)
    {
        k = Math.Min(k, Points.Count);
        // A bounded max-heap of squared distances.
        var heapD = new double[k];
        var heapI = new int[k];
        int size = 0;
        Span<int> stack = stackalloc int[128];
        Span<double> stackD = stackalloc double[128];
        int top = 0;
        stack[top] = 0;
        stackD[top++] = 0;
        while (top > 0)
        {
            top--;
            int id = stack[top];
            if (size == k && stackD[top] >= heapD[0]) continue;
            var node = Nodes[id];
            if (node.IsLeaf)
            {
                for (int p = node.Start; p < node.End; p++)
                {
                    double dist = PointSet.SquaredDistance(q, SortedPoint(p));
                    if (size < k) Push(heapD, heapI, ref size, dist, Order[p]);
                    else if (dist < heapD[0]) ReplaceTop(heapD, heapI, size, dist, Order[p]);
                }
            }
            else
            {
                double dl = MinSquaredDistance(node.Left, q), dr = MinSquaredDistance(node.Right, q);
                // Visit the nearer child first: push it last.
                if (dl <= dr)
                {
                    stack[top] = node.Right; stackD[top++] = dr;
                    stack[top] = node.Left; stackD[top++] = dl;
                }
                else
                {
                    stack[top] = node.Left; stackD[top++] = dl;
                    stack[top] = node.Right; stackD[top++] = dr;
                }
            }
        }

        var order = Enumerable.Range(0, size).OrderBy(i => heapD[i]).ThenBy(i => heapI[i]).ToArray();
        return (order.Select(i => Math.Sqrt(heapD[i])).ToArray(), order.Select(i => heapI[i]).ToArray());
    }

    private static void Push(double[] d, int[] idx, ref int size, double value, int index)
    {
        int i = size++;
        d[i] = value;
        idx[i] = index;
        while (i > 0)
        {
            int parent = (i - 1) / 2;
            if (d[parent] >= d[i]) break;
            (d[parent], d[i]) = (d[i], d[parent]);
            (idx[parent], idx[i]) = (idx[i], idx[parent]);
            i = parent;
        }
    }

    private static void ReplaceTop(double[] d, int[] idx, int size, double value, int index)
    {
        d[0] = value;
        idx[0] = index;
        int i = 0;
        while (true)
        {
            int l = 2 * i + 1, r = l + 1, largest = i;
            if (l < size && d[l] > d[largest]) largest = l;
            if (r < size && d[r] > d[largest]) largest = r;
            if (largest == i) break;
            (d[largest], d[i]) = (d[i], d[largest]);
            (idx[largest], idx[i]) = (idx[i], idx[largest]);
            i = largest;
        }
    }
}
