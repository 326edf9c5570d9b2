namespace SegMeasure.Core.Analysis.Clustering;

/// <summary>The fitted k-means model.</summary>
/// <param name="Labels">0-based cluster of every point: the index of its centre in seeding order, as scikit-learn numbers them.</param>
/// <param name="Centers">Cluster centres, row-major, in label order.</param>
/// <param name="Inertia">Sum of squared distances from points to their centres (the objective).</param>
/// <param name="Iterations">Lloyd iterations of the best restart.</param>
internal sealed record KMeansResult(int[] Labels, PointSet Centers, double Inertia, int Iterations);

/// <summary>
/// k-means as scikit-learn's <c>KMeans</c> (algorithm "lloyd"): greedy k-means++ seeding with
/// 2 + ⌊ln k⌋ candidates per centre, Lloyd iterations until the labels stop changing or the
/// centres move less (in total squared shift) than <c>tol</c> × the mean feature variance,
/// empty clusters re-seeded with the points farthest from their centres, and the best of
/// <c>nInit</c> restarts by inertia. Randomness comes from one generator that reproduces numpy's
/// legacy <c>RandomState</c>, drawn in scikit-learn's order, so a seed gives the same initial
/// centres as scikit-learn's <c>random_state</c> of that value — and always the same answer.
/// </summary>
internal static class KMeans
{
    private const int Chunk = 2048;

    public static KMeansResult Fit(PointSet points, int clusters, int nInit = 10, int maxIter = 300, double tol = 1e-4, int seed = 0,
        CancellationToken cancellationToken = default)
    {
        if (clusters < 1)
            throw new SegMeasureException("SegMeasure.InvalidClusterCount", ErrorKind.InvalidArgument, $"the number of clusters must be at least 1 (got {clusters})");
        if (points.Count < clusters)
            throw new SegMeasureException("SegMeasure.TooFewRows", ErrorKind.InvalidData,
                $"k-means needs at least as many rows as clusters: {points.Count} row(s), {clusters} cluster(s)");
        if (nInit < 1) throw new ArgumentOutOfRangeException(nameof(nInit));

        var random = new LegacyRandomState(unchecked((uint)seed));
        double tolerance = MeanVariance(points) * tol;
        KMeansResult? best = null;
        for (int run = 0; run < nInit; run++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var centers = PlusPlus(points, clusters, random);
            var candidate = Lloyd(points, centers, clusters, maxIter, tolerance, cancellationToken);
            if (best is null || candidate.Inertia < best.Inertia) best = candidate;
        }

        return best!;
    }

    internal static double MeanVariance(PointSet points)
    {
        int n = points.Count, d = points.Dimensions;
        double total = 0;
        for (int j = 0; j < d; j++)
        {
            double mean = 0;
            for (int i = 0; i < n; i++) mean += points.Data[i * d + j];
            mean /= n;
            double ss = 0;
            for (int i = 0; i < n; i++)
            {
                double diff = points.Data[i * d + j] - mean;
                ss += diff * diff;
            }

            total += ss / n;
        }

        return d == 0 ? 0 : total / d;
    }

    /// <summary>Greedy k-means++: each new centre is the best of several candidates drawn ∝ D².</summary>
    internal static double[] PlusPlus(PointSet points, int clusters, LegacyRandomState random)
    {
        int n = points.Count, d = points.Dimensions;
        int trials = 2 + (int)Math.Log(clusters);
        var centers = new double[clusters * d];
        int first = random.NextInt(n);
        points[first].CopyTo(centers.AsSpan(0, d));
        var closest = new double[n];
        for (int i = 0; i < n; i++) closest[i] = PointSet.SquaredDistance(points[first], points[i]);
        double potential = closest.Sum();

        var candidateDistances = new double[trials][];
        for (int t = 0; t < trials; t++) candidateDistances[t] = new double[n];
        var cumulative = new double[n];
        for (int c = 1; c < clusters; c++)
        {
            double running = 0;
            for (int i = 0; i < n; i++) cumulative[i] = running += closest[i];
            var candidates = new int[trials];
            for (int t = 0; t < trials; t++)
            {
                double target = random.NextDouble() * potential;
                int index = Array.BinarySearch(cumulative, target);
                if (index < 0) index = ~index;
                candidates[t] = Math.Min(index, n - 1);
            }

            var potentials = new double[trials];
            Parallel.For(0, trials, t =>
            {
                var distances = candidateDistances[t];
                var candidate = points[candidates[t]];
                double sum = 0;
                for (int i = 0; i < n; i++)
                {
                    distances[i] = Math.Min(closest[i], PointSet.SquaredDistance(candidate, points[i]));
                    sum += distances[i];
                }

                potentials[t] = sum;
            });

            int bestTrial = 0;
            for (int t = 1; t < trials; t++)
                if (potentials[t] < potentials[bestTrial]) bestTrial = t;
            potential = potentials[bestTrial];
            Array.Copy(candidateDistances[bestTrial], closest, n);
            points[candidates[bestTrial]].CopyTo(centers.AsSpan(c * d, d));
        }

        return centers;
    }

    /// <summary>
    /// Lloyd iterations with Hamerly's bounds (2010): each point keeps an upper bound on the
    /// distance to its centre and a lower bound on the distance to every other centre; while the
    /// upper bound stays below both the lower bound and half the gap to the nearest other centre
    /// the point cannot change cluster and is not measured. The assignments are Lloyd's own.
    /// </summary>
    private static KMeansResult Lloyd(PointSet points, double[] centers, int k, int maxIter, double tolerance, CancellationToken cancellationToken)
    {
        int n = points.Count, d = points.Dimensions;
        var labels = new int[n];
        var previous = new int[n];
        Array.Fill(previous, -1);
        var upper = new double[n];
        var lower = new double[n];
        bool strict = false;
        int iterations = 0;
        for (int iteration = 0; iteration < maxIter; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            iterations = iteration + 1;
            AssignBounded(points, centers, k, labels, upper, lower, first: iteration == 0);
            var updated = UpdateCenters(points, centers, k, labels);
            double shift = 0;
            var moved = new double[k];
            for (int c = 0; c < k; c++)
            {
                double m = PointSet.SquaredDistance(new ReadOnlySpan<double>(updated, c * d, d), new ReadOnlySpan<double>(centers, c * d, d));
                shift += m;
                moved[c] = Math.Sqrt(m);
            }

            centers = updated;
            if (labels.AsSpan().SequenceEqual(previous))
            {
                strict = true;
                break;
            }

            if (shift <= tolerance) break;
            labels.CopyTo(previous, 0);
            ShiftBounds(labels, upper, lower, moved);
        }

        // Labels must belong to the final centres.
        if (!strict) Assign(points, centers, k, labels, new double[n]);
        double inertia = 0;
        for (int i = 0; i < n; i++) inertia += PointSet.SquaredDistance(points[i], new ReadOnlySpan<double>(centers, labels[i] * d, d));
        return new KMeansResult(labels, new PointSet(centers, k, d), inertia, iterations);
    }

    /// <summary>After centres move, the bounds loosen by how far they moved.</summary>
    private static void ShiftBounds(int[] labels, double[] upper, double[] lower, double[] moved)
    {
        int farthest = 0;
        for (int c = 1; c < moved.Length; c++)
            if (moved[c] > moved[farthest]) farthest = c;
        double secondFarthest = 0;
        for (int c = 0; c < moved.Length; c++)
            if (c != farthest) secondFarthest = Math.Max(secondFarthest, moved[c]);
        for (int i = 0; i < labels.Length; i++)
        {
            upper[i] += moved[labels[i]];
            lower[i] -= labels[i] == farthest ? secondFarthest : moved[farthest];
        }
    }

    private static void AssignBounded(PointSet points, double[] centers, int k, int[] labels, double[] upper, double[] lower, bool first)
    {
        int n = points.Count, d = points.Dimensions;
        // Half the distance from each centre to its nearest other centre: a point nearer than that stays.
        var halfGap = new double[k];
        for (int c = 0; c < k; c++)
        {
            double nearest = double.PositiveInfinity;
            for (int o = 0; o < k; o++)
                if (o != c) nearest = Math.Min(nearest, PointSet.SquaredDistance(new ReadOnlySpan<double>(centers, c * d, d), new ReadOnlySpan<double>(centers, o * d, d)));
            halfGap[c] = Math.Sqrt(nearest) / 2;
        }

        Parallel.For(0, (n + Chunk - 1) / Chunk, chunk =>
        {
            int end = Math.Min(n, (chunk + 1) * Chunk);
            for (int i = chunk * Chunk; i < end; i++)
            {
                var p = points[i];
                if (!first)
                {
                    // Strict comparisons: at equality the point is measured, so ties resolve as in a full scan.
                    double bound = Math.Max(halfGap[labels[i]], lower[i]);
                    if (upper[i] < bound) continue;
                    upper[i] = Math.Sqrt(PointSet.SquaredDistance(p, new ReadOnlySpan<double>(centers, labels[i] * d, d)));
                    if (upper[i] < bound) continue;
                }

                int best = 0;
                double bestDistance = double.PositiveInfinity, secondDistance = double.PositiveInfinity;
                for (int c = 0; c < k; c++)
                {
                    double dist = PointSet.SquaredDistance(p, new ReadOnlySpan<double>(centers, c * d, d));
                    if (dist < bestDistance)
                    {
                        secondDistance = bestDistance;
                        bestDistance = dist;
                        best = c;
                    }
                    else if (dist < secondDistance)
                    {
                        secondDistance = dist;
                    }
                }

                labels[i] = best;
                upper[i] = Math.Sqrt(bestDistance);
                lower[i] = Math.Sqrt(secondDistance);
            }
        });
    }

    private static void Assign(PointSet points, double[] centers, int k, int[] labels, double[] distances)
    {
        int n = points.Count, d = points.Dimensions;
        Parallel.For(0, (n + Chunk - 1) / Chunk, chunk =>
        {
            int end = Math.Min(n, (chunk + 1) * Chunk);
            for (int i = chunk * Chunk; i < end; i++)
            {
                var p = points[i];
                int best = 0;
                double bestDistance = double.PositiveInfinity;
                for (int c = 0; c < k; c++)
                {
                    double dist = PointSet.SquaredDistance(p, new ReadOnlySpan<double>(centers, c * d, d));
                    if (dist < bestDistance)
                    {
                        bestDistance = dist;
                        best = c;
                    }
                }

                labels[i] = best;
                distances[i] = bestDistance;
            }
        });
    }

    /// <summary>New centres as member means; an empty cluster takes the point farthest from its centre.</summary>
    private static double[] UpdateCenters(PointSet points, double[] centers, int k, int[] labels)
    {
        int n = points.Count, d = points.Dimensions;
        int chunks = (n + Chunk - 1) / Chunk;
        var partialSums = new double[chunks][];
        var partialCounts = new int[chunks][];
        Parallel.For(0, chunks, chunk =>
        {
            var sums = new double[k * d];
            var counts = new int[k];
            int end = Math.Min(n, (chunk + 1) * Chunk);
            for (int i = chunk * Chunk; i < end; i++)
            {
                var p = points[i];
                var target = sums.AsSpan(labels[i] * d, d);
                for (int j = 0; j < d; j++) target[j] += p[j];
                counts[labels[i]]++;
            }

            partialSums[chunk] = sums;
            partialCounts[chunk] = counts;
        });

        // Merge in chunk order so the result does not depend on thread timing.
        var total = new double[k * d];
        var weight = new double[k];
        for (int chunk = 0; chunk < chunks; chunk++)
        {
            for (int i = 0; i < total.Length; i++) total[i] += partialSums[chunk][i];
            for (int c = 0; c < k; c++) weight[c] += partialCounts[chunk][c];
        }

        var empty = Enumerable.Range(0, k).Where(c => weight[c] == 0).ToArray();
        if (empty.Length > 0)
        {
            var distances = new double[n];
            for (int i = 0; i < n; i++) distances[i] = PointSet.SquaredDistance(points[i], new ReadOnlySpan<double>(centers, labels[i] * d, d));
            var farthest = Enumerable.Range(0, n).OrderByDescending(i => distances[i]).ThenBy(i => i).Take(empty.Length).ToArray();
            for (int e = 0; e < empty.Length && e < farthest.Length; e++)
            {
                int point = farthest[e], from = labels[point], to = empty[e];
                var p = points[point];
                for (int j = 0; j < d; j++)
                {
                    total[to * d + j] = p[j];
                    total[from * d + j] -= p[j];
                }

                weight[to] = 1;
                weight[from] -= 1;
            }
        }

        for (int c = 0; c < k; c++)
        {
            if (weight[c] == 0)
            {
                Array.Copy(centers, c * d, total, c * d, d);
                continue;
            }

            for (int j = 0; j < d; j++) total[c * d + j] /= weight[c];
        }

        return total;
    }
}
