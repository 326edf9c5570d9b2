namespace SegMeasure.Core.Analysis.Embeddings;

/// <summary>
/// UMAP's fuzzy simplicial set (McInnes, Healy &amp; Melville 2018, §3; as umap-learn): each point
/// sees its k nearest neighbours (itself counted as the first) with membership
/// exp(−(d − ρ)/σ), where ρ is the distance to its nearest neighbour and σ is found by
/// bisection so the memberships sum to log₂ k; the directed graph is symmetrised with the
/// fuzzy union A + Aᵀ − A∘Aᵀ. Stored as sorted sparse rows.
/// </summary>
internal sealed class FuzzySimplicialSet
{
    private const double Tolerance = 1e-5;
    private const double MinDistanceScale = 1e-3;

    private FuzzySimplicialSet(int[][] neighbors, double[][] weights)
    {
        Neighbors = neighbors;
        Weights = weights;
    }

    public int[][] Neighbors { get; }
    public double[][] Weights { get; }
    public int Count => Neighbors.Length;

    public static FuzzySimplicialSet Build(double[][] rows, int neighbors, CancellationToken cancellation = default)
    {
        int n = rows.Length;
        int k = Math.Clamp(neighbors, 2, Math.Max(2, n));
        var (indices, distances) = NearestNeighbors.Find(rows, k - 1, cancellation);
        double target = Math.Log2(k);
        double meanAll = distances.SelectMany(d => d).DefaultIfEmpty(0).Sum() / Math.Max(1, n * k);

        var directed = new Dictionary<int, double>[n];
        for (int i = 0; i < n; i++)
        {
            var d = distances[i];
            double rho = d.FirstOrDefault(v => v > 0);
            double sigma = Bandwidth(d, rho, target);
            double meanOwn = d.Sum() / k; // the point itself contributes distance 0
            sigma = rho > 0 ? Math.Max(sigma, MinDistanceScale * meanOwn) : Math.Max(sigma, MinDistanceScale * meanAll);

            directed[i] = new Dictionary<int, double>(d.Length);
            for (int t = 0; t < d.Length; t++)
                directed[i][indices[i][t]] = d[t] - rho <= 0 || sigma == 0 ? 1.0 : Math.Exp(-(d[t] - rho) / sigma);
        }

        // Fuzzy union: an edge either end chose gets a + b − ab in both rows.
        var union = new SortedDictionary<int, double>[n];
        for (int i = 0; i < n; i++) union[i] = new SortedDictionary<int, double>();
        for (int i = 0; i < n; i++)
            foreach (var (j, a) in directed[i])
            {
                double b = directed[j].GetValueOrDefault(i);
                double w = a + b - a * b;
                if (w <= 0) continue;
                union[i][j] = w;
                union[j][i] = w;
            }

        var neighborsOut = union.Select(u => u.Keys.ToArray()).ToArray();
        var weightsOut = union.Select(u => u.Values.ToArray()).ToArray();
        return new FuzzySimplicialSet(neighborsOut, weightsOut);
    }

    /// <summary>σ with Σ exp(−max(0, d − ρ)/σ) = target over the neighbours (umap-learn's smooth_knn_dist).</summary>
    private static double Bandwidth(double[] distances, double rho, double target)
    {
        double low = 0, high = double.PositiveInfinity, mid = 1;
        for (int step = 0; step < 64; step++)
        {
            double sum = 0;
            foreach (var d in distances)
            {
                double t = d - rho;
                sum += t > 0 ? Math.Exp(-t / mid) : 1.0;
            }

            if (Math.Abs(sum - target) < Tolerance) break;
            if (sum > target)
            {
                high = mid;
                mid = (low + high) / 2;
            }
            else
            {
                low = mid;
                mid = double.IsPositiveInfinity(high) ? mid * 2 : (low + high) / 2;
            }
        }

        return mid;
    }

    /// <summary>Drops edges lighter than <paramref name="minimum"/> (umap-learn: max weight / epochs).</summary>
    public FuzzySimplicialSet Prune(double minimum)
    {
        var n = new int[Count][];
        var w = new double[Count][];
        for (int i = 0; i < Count; i++)
        {
            var keep = Enumerable.Range(0, Neighbors[i].Length).Where(t => Weights[i][t] >= minimum).ToArray();
            n[i] = keep.Select(t => Neighbors[i][t]).ToArray();
            w[i] = keep.Select(t => Weights[i][t]).ToArray();
        }

        return new FuzzySimplicialSet(n, w);
    }

    /// <summary>Number of connected components of the graph.</summary>
    public int ComponentCount()
    {
        var seen = new bool[Count];
        var stack = new Stack<int>();
        int components = 0;
        for (int s = 0; s < Count; s++)
        {
            if (seen[s]) continue;
            components++;
            seen[s] = true;
            stack.Push(s);
            while (stack.Count > 0)
                foreach (var j in Neighbors[stack.Pop()])
                    if (!seen[j]) { seen[j] = true; stack.Push(j); }
        }

        return components;
    }
}
