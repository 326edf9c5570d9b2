namespace SegMeasure.Core.Analysis.Embeddings;

/// <summary>
/// Uniform manifold approximation and projection into two dimensions (McInnes, Healy &amp;
/// Melville 2018) with umap-learn's defaults: the fuzzy simplicial set of the 15 nearest
/// neighbours, edges lighter than max/epochs dropped, a spectral start (random when the graph is
/// not connected) scaled into [0, 10], then stochastic gradient descent in which every edge is
/// sampled in proportion to its weight, pulled together with the attractive gradient of
/// 1/(1 + a·d^(2b)) and pushed apart from negative samples, with gradients clipped to ±4 and a
/// linearly decaying learning rate. Single-threaded with one seeded generator, so a seed always
/// gives the same layout.
/// </summary>
internal static class Umap
{
    private const double GradientClip = 4;

    public static double[][] Embed(double[][] rows, EmbeddingOptions? options = null, IProgress<WorkProgress>? progress = null, CancellationToken cancellation = default)
    {
        options ??= new EmbeddingOptions();
        int n = rows.Length;
        if (n == 0) return [];
        if (n < 3) return rows.Select(_ => new double[2]).ToArray();
        if (options.Neighbors < 2)
            throw new SegMeasureException("SegMeasure.InvalidArgument", ErrorKind.InvalidArgument, $"UMAP needs at least 2 neighbours, not {options.Neighbors}");
        var (a, b) = UmapCurve.Fit(options.Spread, options.MinDistance);
        int epochs = options.Epochs ?? (n <= 10_000 ? 500 : 200);
        if (epochs < 1)
            throw new SegMeasureException("SegMeasure.InvalidArgument", ErrorKind.InvalidArgument, $"UMAP needs at least 1 epoch, not {epochs}");

        var graph = FuzzySimplicialSet.Build(rows, options.Neighbors, cancellation);
        double maxWeight = graph.Weights.SelectMany(w => w).DefaultIfEmpty(1).Max();
        graph = graph.Prune(maxWeight / epochs);

        var random = new Random(options.Seed);
        var start = options.SpectralInitialization ? SpectralLayout.Compute(graph, cancellation) : null;
        double[][] embedding;
        if (start is not null)
        {
            // Tiny noise separates points that share a start, as umap-learn does.
            embedding = start.Select(p => new[] { p[0] + 1e-4 * Gaussian(random), p[1] + 1e-4 * Gaussian(random) }).ToArray();
            ScaleIntoBox(embedding, 10);
        }
        else
        {
            embedding = Enumerable.Range(0, n).Select(_ => new[] { random.NextDouble() * 20 - 10, random.NextDouble() * 20 - 10 }).ToArray();
        }

        Optimize(embedding, graph, a, b, epochs, options.NegativeSampleRate, random, progress, cancellation);
        return embedding;
    }

    private static void Optimize(double[][] embedding, FuzzySimplicialSet graph, double a, double b, int epochs, int negativeRate,
        Random random, IProgress<WorkProgress>? progress, CancellationToken cancellation)
    {
        int n = embedding.Length;
        var heads = new List<int>();
        var tails = new List<int>();
        var weights = new List<double>();
        for (int i = 0; i < n; i++)
            for (int t = 0; t < graph.Neighbors[i].Length; t++)
            {
                heads.Add(i);
                tails.Add(graph.Neighbors[i][t]);
                weights.Add(graph.Weights[i][t]);
            }

        int edges = heads.Count;
        if (edges == 0) return;
        double maxWeight = weights.Max();
        var epochsPerSample = weights.Select(w => maxWeight / w).ToArray();
        var epochsPerNegative = epochsPerSample.Select(e => e / Math.Max(1, negativeRate)).ToArray();
        var nextSample = (double[])epochsPerSample.Clone();
        var nextNegative = (double[])epochsPerNegative.Clone();

        for (int epoch = 0; epoch < epochs; epoch++)
        {
            cancellation.ThrowIfCancellationRequested();
            double alpha = 1.0 - (double)epoch / epochs;
            for (int e = 0; e < edges; e++)
            {
                if (nextSample[e] > epoch) continue;
                var current = embedding[heads[e]];
                var other = embedding[tails[e]];
                double dx = current[0] - other[0], dy = current[1] - other[1];
                double d2 = dx * dx + dy * dy;
                if (d2 > 0)
                {
                    double coefficient = -2 * a * b * Math.Pow(d2, b - 1) / (a * Math.Pow(d2, b) + 1);
                    double gx = Clip(coefficient * dx) * alpha, gy = Clip(coefficient * dy) * alpha;
                    current[0] += gx; current[1] += gy;
                    other[0] -= gx; other[1] -= gy;
                }

                nextSample[e] += epochsPerSample[e];
                int negatives = (int)((epoch - nextNegative[e]) / epochsPerNegative[e]);
                for (int s = 0; s < negatives; s++)
                {
                    int k = random.Next(n);
                    if (k == heads[e]) continue;
                    var sample = embedding[k];
                    dx = current[0] - sample[0];
                    dy = current[1] - sample[1];
                    d2 = dx * dx + dy * dy;
                    if (d2 > 0)
                    {
                        double coefficient = 2 * b / ((0.001 + d2) * (a * Math.Pow(d2, b) + 1));
                        current[0] += Clip(coefficient * dx) * alpha;
                        current[1] += Clip(coefficient * dy) * alpha;
                    }
                    else
                    {
                        current[0] += GradientClip * alpha;
                        current[1] += GradientClip * alpha;
                    }
                }

                nextNegative[e] += negatives * epochsPerNegative[e];
            }

            if ((epoch + 1) % 20 == 0) progress?.Report(new WorkProgress("UMAP", epoch + 1, epochs));
        }
    }

    private static double Clip(double v) => Math.Clamp(v, -GradientClip, GradientClip);

    private static void ScaleIntoBox(double[][] points, double size)
    {
        for (int axis = 0; axis < 2; axis++)
        {
            double min = points.Min(p => p[axis]), max = points.Max(p => p[axis]);
            double range = max > min ? max - min : 1;
            foreach (var p in points) p[axis] = size * (p[axis] - min) / range;
        }
    }

    private static double Gaussian(Random random)
    {
        // Box–Muller.
        double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
