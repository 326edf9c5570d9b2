namespace SegMeasure.Core.Analysis.Clustering;

/// <summary>The fitted Mean Shift model.</summary>
/// <param name="Labels">0-based cluster of every point (-1 = outside every kernel when not clustering all).</param>
/// <param name="Centers">Cluster centres, by decreasing number of points within the bandwidth.</param>
/// <param name="Bandwidth">The bandwidth used, given or estimated.</param>
internal sealed record MeanShiftResult(int[] Labels, PointSet Centers, double Bandwidth);

/// <summary>
/// Mean Shift with a flat kernel, as scikit-learn's <c>MeanShift</c>: every seed moves to the mean
/// of the points within the bandwidth (inclusive) until it moves less than 10⁻³ × bandwidth or
/// after 300 iterations; converged seeds are ranked by how many points their kernel holds
/// (ties: larger coordinates first), a seed within the bandwidth of a better one is dropped,
/// and every point joins its nearest remaining centre — or, with <c>clusterAll</c> off, only
/// when that centre is within the bandwidth. Clusters are numbered in the ranked order.
/// </summary>
internal static class MeanShift
{
    public const int MaxIterations = 300;

    public static MeanShiftResult Fit(PointSet points, double bandwidth = 0, bool binSeeding = false, int minBinFrequency = 1, bool clusterAll = true,
        double quantile = 0.3, CancellationToken cancellationToken = default)
    {
        int n = points.Count, d = points.Dimensions;
        if (double.IsNaN(bandwidth) || double.IsInfinity(bandwidth))
            throw new SegMeasureException("SegMeasure.InvalidBandwidth", ErrorKind.InvalidArgument, $"the bandwidth must be a finite number (got {bandwidth})");
        if (bandwidth <= 0) bandwidth = EstimateBandwidth(points, quantile, cancellationToken);
        if (!(bandwidth > 0))
            throw new SegMeasureException("SegMeasure.InvalidBandwidth", ErrorKind.InvalidData,
                "the estimated bandwidth is 0 (too many identical rows); give a positive bandwidth");

        var seeds = binSeeding ? BinSeeds(points, bandwidth, minBinFrequency) : points;
        var tree = new KdTree(points);
        var converged = new double[seeds.Count][];
        var intensity = new int[seeds.Count];
        double stop = 1e-3 * bandwidth;
        Parallel.For(0, seeds.Count, new ParallelOptions { CancellationToken = cancellationToken },
            () => new List<int>(),
            (s, _, within) =>
            {
                var mean = seeds[s].ToArray();
                int iterations = 0;
                while (true)
                {
                    within.Clear();
                    tree.RadiusNeighbors(mean, bandwidth, within);
                    if (within.Count == 0) break;
                    var next = new double[d];
                    foreach (var i in within)
                    {
                        var p = points[i];
                        for (int j = 0; j < d; j++) next[j] += p[j];
                    }

                    for (int j = 0; j < d; j++) next[j] /= within.Count;
                    double moved = Math.Sqrt(PointSet.SquaredDistance(next, mean));
                    mean = next;
                    if (moved < stop || iterations == MaxIterations) break;
                    iterations++;
                }

                converged[s] = mean;
                intensity[s] = within.Count;
                return within;
            },
            _ => { });

        // Rank converged seeds: most points within the kernel first, then larger coordinates (as scikit-learn sorts).
        var ranked = Enumerable.Range(0, seeds.Count).Where(s => intensity[s] > 0)
            .GroupBy(s => converged[s], ArrayComparer.Instance).Select(g => g.First())
            .OrderByDescending(s => intensity[s]).ThenByDescending(s => converged[s], ArrayComparer.Instance)
            .ToArray();
        if (ranked.Length == 0)
            throw new SegMeasureException("SegMeasure.NoSeeds", ErrorKind.InvalidData,
                $"no Mean Shift seed has a point within the bandwidth {bandwidth}; try a larger bandwidth or turn bin seeding off");

        var sortedCenters = PointSet.FromRows(ranked.Select(s => converged[s]).ToArray());
        var centerTree = new KdTree(sortedCenters);
        var unique = Enumerable.Repeat(true, ranked.Length).ToArray();
        var around = new List<int>();
        for (int i = 0; i < ranked.Length; i++)
        {
            if (!unique[i]) continue;
            around.Clear();
            centerTree.RadiusNeighbors(sortedCenters[i], bandwidth, around);
            foreach (var j in around) unique[j] = false;
            unique[i] = true;
        }

        var centers = PointSet.FromRows(Enumerable.Range(0, ranked.Length).Where(i => unique[i]).Select(i => sortedCenters[i].ToArray()).ToArray());
        var labels = new int[n];
        Parallel.For(0, n, i =>
        {
            int best = 0;
            double bestDistance = double.PositiveInfinity;
            for (int c = 0; c < centers.Count; c++)
            {
                double dist = PointSet.SquaredDistance(points[i], centers[c]);
                if (dist < bestDistance)
                {
                    bestDistance = dist;
                    best = c;
                }
            }

            labels[i] = clusterAll || Math.Sqrt(bestDistance) <= bandwidth ? best : -1;
        });
        return new MeanShiftResult(labels, centers, bandwidth);
    }

    /// <summary>
    /// scikit-learn's <c>estimate_bandwidth</c>: the mean over all points of the distance to their
    /// ⌊n × quantile⌋-th nearest point (the point itself counted; at least the 1st).
    /// </summary>
    public static double EstimateBandwidth(PointSet points, double quantile = 0.3, CancellationToken cancellationToken = default)
    {
        int n = points.Count;
        int k = Math.Max(1, (int)(n * quantile));
        if (n == 0) return 0;
        var kth = new double[n];
        Parallel.For(0, n, new ParallelOptions { CancellationToken = cancellationToken },
            () => new double[n],
            (i, _, distances) =>
            {
                for (int j = 0; j < n; j++) distances[j] = PointSet.SquaredDistance(points[i], points[j]);
                kth[i] = Math.Sqrt(Select(distances, k - 1));
                return distances;
            },
            _ => { });
        double sum = 0;
        foreach (var v in kth) sum += v;
        return sum / n;
    }

    /// <summary>The k-th smallest (0-based) value; reorders <paramref name="values"/>.</summary>
    private static double Select(double[] values, int k)
    {
        int lo = 0, hi = values.Length - 1;
        while (lo < hi)
        {
            double pivot = values[(lo + hi) >>> 1];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (values[i] < pivot) i++;
                while (values[j] > pivot) j--;
                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j) hi = j;
            else if (k >= i) lo = i;
            else break;
        }

        return values[k];
    }

    /// <summary>
    /// Seeds at the occupied cells of a grid of side <paramref name="binSize"/> holding at least
    /// <paramref name="minFrequency"/> points (coordinates rounded half to even, stored in single
    /// precision as scikit-learn does); all points when binning would not reduce their number.
    /// </summary>
    public static PointSet BinSeeds(PointSet points, double binSize, int minFrequency)
    {
        var counts = new Dictionary<double[], int>(ArrayComparer.Instance);
        var order = new List<double[]>();
        for (int i = 0; i < points.Count; i++)
        {
            var cell = points[i].ToArray();
            for (int j = 0; j < cell.Length; j++) cell[j] = Math.Round(cell[j] / binSize, MidpointRounding.ToEven);
            if (counts.TryGetValue(cell, out var c)) counts[cell] = c + 1;
            else
            {
                counts[cell] = 1;
                order.Add(cell);
            }
        }

        var seeds = order.Where(cell => counts[cell] >= minFrequency).ToArray();
        if (seeds.Length == points.Count) return points;
        return PointSet.FromRows(seeds.Select(cell => cell.Select(v => (double)(float)v * binSize).ToArray()).ToArray());
    }

    /// <summary>Value equality and lexicographic order of coordinate arrays.</summary>
    private sealed class ArrayComparer : IEqualityComparer<double[]>, IComparer<double[]>
    {
        public static ArrayComparer Instance { get; } = new();

        public bool Equals(double[]? x, double[]? y) => x!.AsSpan().SequenceEqual(y);

        public int GetHashCode(double[] obj)
        {
            var hash = new HashCode();
            foreach (var v in obj) hash.Add(v);
            return hash.ToHashCode();
        }

        public int Compare(double[]? x, double[]? y)
        {
            for (int j = 0; j < x!.Length; j++)
            {
                int c = x[j].CompareTo(y![j]);
                if (c != 0) return c;
            }

            return 0;
        }
    }
}
