using MathNet.Numerics.LinearAlgebra;

namespace SegMeasure.Core.Analysis.Embeddings;

/// <summary>
/// Spectral start for UMAP: the eigenvectors of the symmetric normalised Laplacian
/// I − D^(−½) W D^(−½) for the 2nd and 3rd smallest eigenvalues. Small graphs use a dense
/// eigendecomposition; larger ones Lanczos iteration (null when it has not converged, and the caller starts at random, as
/// umap-learn does when its eigensolver fails). Signs are fixed so each vector's
/// largest-magnitude entry is positive, making the start deterministic.
/// </summary>
internal static class SpectralLayout
{
    private const int LanczosSteps = 300;
    private const double ResidualTolerance = 1e-4;

    /// <summary>Returns null when the graph is not connected (no single spectral layout exists).
    /// Graphs up to <paramref name="denseMaxRows"/> nodes use the dense eigendecomposition.</summary>
    public static double[][]? Compute(FuzzySimplicialSet graph, CancellationToken cancellation = default, int denseMaxRows = 1000)
    {
        int n = graph.Count;
        if (n < 4 || graph.ComponentCount() != 1) return null;
        var degree = new double[n];
        for (int i = 0; i < n; i++) degree[i] = graph.Weights[i].Sum();
        if (degree.Any(d => d <= 0)) return null;
        var inverseRoot = degree.Select(d => 1 / Math.Sqrt(d)).ToArray();

        double[][]? vectors = n <= denseMaxRows ? Dense(graph, inverseRoot) : Iterative(graph, degree, inverseRoot, cancellation);
        if (vectors is null) return null;
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

    /// <summary>
    /// Lanczos iteration with full reorthogonalisation on D^(−½) W D^(−½), started orthogonal to
    /// the trivial eigenvector D^(½)·1 and kept so; the Ritz vectors of the two largest Ritz values
    /// are returned, or null when their residuals show they have not converged.
    /// </summary>
    private static double[][]? Iterative(FuzzySimplicialSet graph, double[] degree, double[] inverseRoot, CancellationToken cancellation)
    {
        int n = graph.Count;
        // Full reorthogonalisation costs steps² · n: fewer steps on very large graphs.
        int steps = Math.Min(n - 1, n <= 20_000 ? LanczosSteps : LanczosSteps / 3);
        var trivial = degree.Select(Math.Sqrt).ToArray();
        Normalize(trivial);
        var basis = new List<double[]>(steps);
        var alpha = new double[steps];
        var beta = new double[steps];
        // A fixed start (no randomness): a smooth function of the row number.
        var v = Enumerable.Range(0, n).Select(i => Math.Sin(1.0 + i * 0.7548776662) + 0.5).ToArray();
        Project(v, trivial);
        Normalize(v);
        int m = 0;
        for (; m < steps; m++)
        {
            cancellation.ThrowIfCancellationRequested();
            basis.Add(v);
            var w = Multiply(graph, inverseRoot, v);
            alpha[m] = Dot(w, v);
            Project(w, trivial);
            foreach (var b in basis) Project(w, b);
            foreach (var b in basis) Project(w, b); // twice is enough (Kahan–Parlett)
            double norm = Math.Sqrt(Dot(w, w));
            if (m + 1 < steps) beta[m] = norm;
            if (norm < 1e-12) { m++; break; }
            v = w.Select(x => x / norm).ToArray();
        }

        var t = Matrix<double>.Build.Dense(m, m);
        for (int i = 0; i < m; i++)
        {
            t[i, i] = alpha[i];
            if (i + 1 < m) t[i, i + 1] = t[i + 1, i] = beta[i];
        }

        var evd = t.Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, m).OrderByDescending(k => evd.EigenValues[k].Real).ToArray();
        var vectors = new double[2][];
        for (int r = 0; r < 2; r++)
        {
            var y = evd.EigenVectors.Column(order[r]);
            var x = new double[n];
            for (int k = 0; k < m; k++)
                for (int i = 0; i < n; i++) x[i] += y[k] * basis[k][i];
            Normalize(x);
            var mx = Multiply(graph, inverseRoot, x);
            double lambda = Dot(mx, x), residual = 0;
            for (int i = 0; i < n; i++) residual += (mx[i] - lambda * x[i]) * (mx[i] - lambda * x[i]);
            if (Math.Sqrt(residual) > ResidualTolerance) return null;
            vectors[r] = x;
        }

        return vectors;
    }

    private static double[] Multiply(FuzzySimplicialSet graph, double[] inverseRoot, double[] v)
    {
        var w = new double[v.Length];
        for (int i = 0; i < v.Length; i++)
        {
            double sum = 0;
            var nb = graph.Neighbors[i];
            var wt = graph.Weights[i];
            for (int t = 0; t < nb.Length; t++) sum += wt[t] * inverseRoot[nb[t]] * v[nb[t]];
            w[i] = inverseRoot[i] * sum;
        }

        return w;
    }

    private static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
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
