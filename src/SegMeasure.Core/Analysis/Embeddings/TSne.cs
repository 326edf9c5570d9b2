namespace SegMeasure.Core.Analysis.Embeddings;

/// <summary>
/// t-distributed stochastic neighbour embedding (van der Maaten &amp; Hinton 2008) into two
/// dimensions with scikit-learn 1.2's defaults: Gaussian affinities calibrated to the
/// perplexity by binary search, symmetrised; a PCA start scaled to standard deviation 1e-4;
/// 250 iterations of early exaggeration (12, momentum 0.5) then the rest at momentum 0.8, with
/// per-coordinate gains and learning rate max(n / 48, 50). Small tables use exact gradients;
/// larger ones sparse affinities over the 3·perplexity nearest neighbours and Barnes–Hut
/// repulsion (van der Maaten 2014). Deterministic: no random numbers are involved.
/// </summary>
internal static class TSne
{
    private const double EarlyExaggeration = 12;
    private const int ExplorationIterations = 250;
    private const double MinGain = 0.01;
    private const double MinGradientNorm = 1e-7;
    private const double MachineEpsilon = 2.220446049250313e-16;

    public static double[][] Embed(double[][] rows, EmbeddingOptions? options = null, IProgress<WorkProgress>? progress = null, CancellationToken cancellation = default)
    {
        options ??= new EmbeddingOptions { Method = EmbeddingMethod.TSne };
        int n = rows.Length;
        if (n == 0) return [];
        if (n < 3) return rows.Select(_ => new double[2]).ToArray();
        if (!(options.Perplexity > 0))
            throw new SegMeasureException("SegMeasure.InvalidArgument", ErrorKind.InvalidArgument, $"the perplexity must be positive, not {options.Perplexity}");
        // scikit-learn requires perplexity < n; small tables get the largest sensible value.
        double perplexity = Math.Min(options.Perplexity, (n - 1) / 3.0);
        bool exact = n <= options.ExactTSneMaxRows;

        // The affinities of a large table take a while before the first iteration: say so.
        progress?.Report(new WorkProgress("t-SNE affinities", 0, 1));
        var affinities = exact ? ExactAffinities(rows, perplexity, cancellation) : SparseAffinities(rows, perplexity, cancellation);
        progress?.Report(new WorkProgress("t-SNE affinities", 1, 1));
        var y = Initial(rows);
        double learningRate = Math.Max(n / EarlyExaggeration / 4, 50);
        int total = Math.Max(options.TSneIterations, ExplorationIterations + 1);

        affinities.Scale(EarlyExaggeration);
        Descend(y, affinities, exact, options.Angle, learningRate, 0.5, 0, ExplorationIterations, total, progress, cancellation);
        affinities.Scale(1 / EarlyExaggeration);
        Descend(y, affinities, exact, options.Angle, learningRate, 0.8, ExplorationIterations, total, total, progress, cancellation);
        return y;
    }

    /// <summary>Joint probabilities P as sparse rows (exact: every other point).</summary>
    private sealed class Affinities(int[][] neighbors, double[][] values)
    {
        public int[][] Neighbors { get; } = neighbors;
        public double[][] Values { get; } = values;

        public void Scale(double factor)
        {
            foreach (var row in Values)
                for (int j = 0; j < row.Length; j++) row[j] *= factor;
        }
    }

    private static Affinities ExactAffinities(double[][] rows, double perplexity, CancellationToken cancellation)
    {
        int n = rows.Length;
        var neighbors = new int[n][];
        var squared = new double[n][];
        for (int i = 0; i < n; i++)
        {
            neighbors[i] = Enumerable.Range(0, n).Where(j => j != i).ToArray();
            squared[i] = neighbors[i].Select(j => SquaredDistance(rows[i], rows[j])).ToArray();
        }

        var conditional = Conditional(squared, perplexity, cancellation);
        var joint = Symmetrize(neighbors, conditional, n, cancellation);
        // scikit-learn keeps every joint probability at least machine epsilon in the exact method.
        foreach (var row in joint.Values)
            for (int j = 0; j < row.Length; j++) row[j] = Math.Max(row[j], MachineEpsilon);
        return joint;
    }

    private static Affinities SparseAffinities(double[][] rows, double perplexity, CancellationToken cancellation)
    {
        int k = Math.Min(rows.Length - 1, (int)(3 * perplexity + 1));
        var (indices, distances) = NearestNeighbors.Find(rows, k, cancellation);
        var squared = distances.Select(d => d.Select(v => v * v).ToArray()).ToArray();
        return Symmetrize(indices, Conditional(squared, perplexity, cancellation), rows.Length, cancellation);
    }

    /// <summary>Row i: exp(−β_i d²) normalised, with β_i found by bisection so the row's entropy is log(perplexity).</summary>
    private static double[][] Conditional(double[][] squared, double perplexity, CancellationToken cancellation)
    {
        double target = Math.Log(perplexity);
        var result = new double[squared.Length][];
        Parallel.For(0, squared.Length, new ParallelOptions { CancellationToken = cancellation }, i =>
        {
            var d2 = squared[i];
            var p = new double[d2.Length];
            double beta = 1, low = double.NegativeInfinity, high = double.PositiveInfinity;
            for (int step = 0; step < 100; step++)
            {
                double sum = 0, weighted = 0;
                for (int j = 0; j < d2.Length; j++)
                {
                    p[j] = Math.Exp(-d2[j] * beta);
                    sum += p[j];
                }

                if (sum == 0) sum = 1e-8;
                for (int j = 0; j < d2.Length; j++)
                {
                    p[j] /= sum;
                    weighted += d2[j] * p[j];
                }

                double entropy = Math.Log(sum) + beta * weighted;
                double difference = entropy - target;
                if (Math.Abs(difference) <= 1e-5) break;
                if (difference > 0)
                {
                    low = beta;
                    beta = double.IsPositiveInfinity(high) ? beta * 2 : (beta + high) / 2;
                }
                else
                {
                    high = beta;
                    beta = double.IsNegativeInfinity(low) ? beta / 2 : (beta + low) / 2;
                }
            }

            result[i] = p;
        });
        return result;
    }

    /// <summary>P = (P_cond + P_condᵀ) / Σ, on the union of both directions' neighbours.</summary>
    private static Affinities Symmetrize(int[][] neighbors, double[][] conditional, int n, CancellationToken cancellation)
    {
        var maps = new Dictionary<int, double>[n];
        for (int i = 0; i < n; i++) maps[i] = new Dictionary<int, double>(neighbors[i].Length * 2);
        for (int i = 0; i < n; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            for (int t = 0; t < neighbors[i].Length; t++)
            {
                int j = neighbors[i][t];
                double v = conditional[i][t];
                maps[i][j] = maps[i].GetValueOrDefault(j) + v;
                maps[j][i] = maps[j].GetValueOrDefault(i) + v;
            }
        }

        double sum = 0;
        foreach (var m in maps) foreach (var v in m.Values) sum += v;
        sum = Math.Max(sum, MachineEpsilon);
        var idx = new int[n][];
        var val = new double[n][];
        for (int i = 0; i < n; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            idx[i] = maps[i].Keys.Order().ToArray();
            val[i] = idx[i].Select(j => maps[i][j] / sum).ToArray();
        }

        return new Affinities(idx, val);
    }

    private static double[][] Initial(double[][] rows)
    {
        var pca = Pca.Fit(rows, 2);
        var y = pca.Transform(rows).Select(r => r.Length == 2 ? r : [r.Length > 0 ? r[0] : 0, 0]).ToArray();
        double mean = y.Average(r => r[0]);
        double std = Math.Sqrt(y.Average(r => (r[0] - mean) * (r[0] - mean)));
        double scale = std > 0 ? 1e-4 / std : 1;
        foreach (var r in y) { r[0] *= scale; r[1] *= scale; }
        return y;
    }

    private static void Descend(double[][] y, Affinities p, bool exact, double angle, double learningRate, double momentum,
        int firstIteration, int lastIteration, int totalIterations, IProgress<WorkProgress>? progress, CancellationToken cancellation)
    {
        int n = y.Length;
        var update = new double[n * 2];
        var gains = Enumerable.Repeat(1.0, n * 2).ToArray();
        var gradient = new double[n * 2];
        var kernel = exact ? Enumerable.Range(0, n).Select(_ => new double[n]).ToArray() : null;
        for (int iteration = firstIteration; iteration < lastIteration; iteration++)
        {
            cancellation.ThrowIfCancellationRequested();
            if (kernel is not null) ExactGradient(y, p, kernel, gradient);
            else BarnesHutGradient(y, p, angle, gradient);

            double norm = 0;
            for (int t = 0; t < gradient.Length; t++)
            {
                int i = t >> 1, axis = t & 1;
                bool increase = update[t] * gradient[t] < 0;
                gains[t] = Math.Max(increase ? gains[t] + 0.2 : gains[t] * 0.8, MinGain);
                double g = gradient[t] * gains[t];
                update[t] = momentum * update[t] - learningRate * g;
                y[i][axis] += update[t];
                norm += gradient[t] * gradient[t];
            }

            if ((iteration + 1) % 50 == 0) progress?.Report(new WorkProgress("t-SNE", iteration + 1, totalIterations));
            if (Math.Sqrt(norm) < MinGradientNorm) break;
        }
    }

    private static void ExactGradient(double[][] y, Affinities p, double[][] num, double[] gradient)
    {
        int n = y.Length;
        var rowSums = new double[n];
        Parallel.For(0, n, i =>
        {
            var row = num[i];
            double s = 0;
            for (int j = 0; j < n; j++)
            {
                if (j == i) continue;
                double dx = y[i][0] - y[j][0], dy = y[i][1] - y[j][1];
                row[j] = 1.0 / (1.0 + dx * dx + dy * dy);
                s += row[j];
            }

            rowSums[i] = s;
        });
        double z = 0;
        foreach (var s in rowSums) z += s;
        Parallel.For(0, n, i =>
        {
            double gx = 0, gy = 0;
            var pi = p.Values[i];
            var ni = p.Neighbors[i];
            var row = num[i];
            // Exact affinities list every other point in order.
            for (int t = 0; t < ni.Length; t++)
            {
                int j = ni[t];
                double q = Math.Max(row[j] / z, MachineEpsilon);
                double m = (pi[t] - q) * row[j];
                gx += m * (y[i][0] - y[j][0]);
                gy += m * (y[i][1] - y[j][1]);
            }

            gradient[2 * i] = 4 * gx;
            gradient[2 * i + 1] = 4 * gy;
        });
    }

    private static void BarnesHutGradient(double[][] y, Affinities p, double angle, double[] gradient)
    {
        int n = y.Length;
        var tree = new QuadTree(y);
        var sumQ = new double[n];
        var negative = new double[n * 2];
        Parallel.For(0, n, () => new Stack<int>(), (i, _, stack) =>
        {
            var (fx, fy, sq) = tree.Repulsion(i, y[i][0], y[i][1], angle, stack);
            negative[2 * i] = fx;
            negative[2 * i + 1] = fy;
            sumQ[i] = sq;
            return stack;
        }, _ => { });
        double z = 0;
        foreach (var s in sumQ) z += s;
        Parallel.For(0, n, i =>
        {
            double gx = 0, gy = 0;
            var pi = p.Values[i];
            var ni = p.Neighbors[i];
            for (int t = 0; t < ni.Length; t++)
            {
                int j = ni[t];
                double dx = y[i][0] - y[j][0], dy = y[i][1] - y[j][1];
                double q = 1.0 / (1.0 + dx * dx + dy * dy);
                gx += pi[t] * q * dx;
                gy += pi[t] * q * dy;
            }

            gradient[2 * i] = 4 * (gx - negative[2 * i] / z);
            gradient[2 * i + 1] = 4 * (gy - negative[2 * i + 1] / z);
        });
    }

    private static double SquaredDistance(double[] a, double[] b)
    {
        double s = 0;
        for (int k = 0; k < a.Length; k++) s += (a[k] - b[k]) * (a[k] - b[k]);
        return s;
    }
}
