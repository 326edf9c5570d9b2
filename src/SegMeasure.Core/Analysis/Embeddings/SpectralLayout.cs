using MathNet.Numerics.LinearAlgebra;

namespace SegMeasure.Core.Analysis;

/// <summary>
/// Spectral start for UMAP: the eigenvectors of the symmetric normalised Laplacian
/// I − D^(−½) W D^(−½) for the 2nd and 3rd smallest eigenvalues. Small graphs use a dense
/// eigendecomposition; larger ones orthogonal (subspace) iteration on ½(I + D^(−½) W D^(−½))
/// with the trivial eigenvector D^(½)·1 projected out. Signs are fixed so each vector's
/// largest-magnitude entry is positive, making the start deterministic.
/// </summary>
internal static class SpectralLayout
{
    private const int DenseMaxRows = 1000;

    public static double[][]? Compute(FuzzySimplicialSet graph, CancellationToken cancellation = default)
    {
        int n = graph.Count;
        if (n < 4 || graph.ComponentCount() != 1) return null;
        var degree = new double[n];
        for (int i = 0; i < n; i++) degree[i] = graph.Weights[i].Sum();
        if (degree.Any(d => d <= 0)) return null;
        var inverseRoot = degree.Select(d => 1 / Math.Sqrt(d)).ToArray();

        double[][] vectors = n <= DenseMaxRows ? Dense(graph, inverseRoot) : Iterative(graph, degree, inverseRoot, cancellation);
        foreach (var v in vectors)
        {
            double best = v.MaxBy(Math.Abs);
            if (best < 0) for (int i = 0; i < n; i++) v[i] = -v[i];
        }

        return Enumerable.Range(0, n).Select(i => new[] { vectors[0][i], vectors[1][i] }).ToArray();
    }

    private static double[][] Dense(FuzzySimplicialSet graph, double[] inverseRoot)
    {
        int n = graph.Count;
        var m = Matrix<double>.Build.Dense(n, n);
        for (int i = 0; i < n; i++)
            for (int t = 0; t < graph.Neighbors[i].Length; t++)
            {
                int j = graph.Neighbors[i][t];
                m[i, j] = inverseRoot[i] * graph.Weights[i][t] * inverseRoot[j];
            }

        var evd = m.Evd(Symmetricity.Symmetric);
        // Largest eigenvalues of the normalised adjacency = smallest of the Laplacian; skip the trivial one.
        var order = Enumerable.Range(0, n).OrderByDescending(k => evd.EigenValues[k].Real).ToArray();
        return [evd.EigenVectors.Column(order[1]).ToArray(), evd.EigenVectors.Column(order[2]).ToArray()];
    }

    private static double[][] Iterative(FuzzySimplicialSet graph, double[] degree, double[] inverseRoot, CancellationToken cancellation)
    {
        int n = graph.Count;
        var trivial = degree.Select(Math.Sqrt).ToArray();
        Normalize(trivial);
        // A fixed start (no randomness): smooth functions of the row number.
        var basis = new[]
        {
            Enumerable.Range(0, n).Select(i => Math.Sin(1.0 + i * 0.7548776662)).ToArray(),
            Enumerable.Range(0, n).Select(i => Math.Cos(2.0 + i * 0.5698402910)).ToArray(),
        };
        var next = new[] { new double[n], new double[n] };
        for (int iteration = 0; iteration < 3000; iteration++)
        {
            cancellation.ThrowIfCancellationRequested();
            for (int k = 0; k < 2; k++)
            {
                var v = basis[k];
                var w = next[k];
                for (int i = 0; i < n; i++)
                {
                    double sum = 0;
                    var nb = graph.Neighbors[i];
                    var wt = graph.Weights[i];
                    for (int t = 0; t < nb.Length; t++) sum += wt[t] * inverseRoot[nb[t]] * v[nb[t]];
                    w[i] = 0.5 * (v[i] + inverseRoot[i] * sum);
                }
            }

            Project(next[0], trivial);
            Normalize(next[0]);
            Project(next[1], trivial);
            Project(next[1], next[0]);
            Normalize(next[1]);
            double change = 0;
            for (int k = 0; k < 2; k++)
            {
                double dot = 0;
                for (int i = 0; i < n; i++) dot += next[k][i] * basis[k][i];
                change = Math.Max(change, 1 - Math.Abs(dot));
                (basis[k], next[k]) = (next[k], basis[k]);
            }

            if (change < 1e-10) break;
        }

        return basis;
    }

    private static void Project(double[] v, double[] unit)
    {
        double dot = 0;
        for (int i = 0; i < v.Length; i++) dot += v[i] * unit[i];
        for (int i = 0; i < v.Length; i++) v[i] -= dot * unit[i];
    }

    private static void Normalize(double[] v)
    {
        double norm = Math.Sqrt(v.Sum(x => x * x));
        if (norm > 0) for (int i = 0; i < v.Length; i++) v[i] /= norm;
    }
}
