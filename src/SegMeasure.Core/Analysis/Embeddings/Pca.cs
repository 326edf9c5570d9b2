using MathNet.Numerics.LinearAlgebra;

namespace SegMeasure.Core.Analysis.Embeddings;

/// <summary>
/// Principal component analysis as scikit-learn's PCA: the data are centred, the components are
/// the right singular vectors, explained variance is s²/(n-1), and each
/// component's sign is fixed so that the largest-magnitude entry of its score vector is
/// positive (scikit-learn's <c>svd_flip</c>).
/// </summary>
internal sealed class Pca
{
    private Pca(double[] mean, double[][] components, double[] explainedVariance, double totalVariance)
    {
        Mean = mean;
        Components = components;
        ExplainedVariance = explainedVariance;
        ExplainedVarianceRatio = explainedVariance.Select(v => totalVariance > 0 ? v / totalVariance : 0).ToArray();
    }

    public double[] Mean { get; }

    /// <summary>One unit-length row per component, over the features.</summary>
    public double[][] Components { get; }

    public double[] ExplainedVariance { get; }
    public double[] ExplainedVarianceRatio { get; }

    public static Pca Fit(IReadOnlyList<double[]> rows, int components)
    {
        if (rows.Count == 0) throw new ArgumentException("no rows", nameof(rows));
        int n = rows.Count, d = rows[0].Length;
        components = Math.Min(components, Math.Min(n, d));
        var mean = new double[d];
        foreach (var row in rows)
            for (int j = 0; j < d; j++) mean[j] += row[j] / n;

        // The eigenvectors of the d × d scatter matrix are the right singular vectors of the
        // centred data; this never builds an n × n matrix, so large tables are cheap.
        var scatter = Matrix<double>.Build.Dense(d, d);
        var centred = new double[d];
        foreach (var row in rows)
        {
            for (int j = 0; j < d; j++) centred[j] = row[j] - mean[j];
            for (int a = 0; a < d; a++)
                for (int b = a; b < d; b++) scatter[a, b] += centred[a] * centred[b];
        }

        for (int a = 0; a < d; a++)
            for (int b = 0; b < a; b++) scatter[a, b] = scatter[b, a];

        var evd = scatter.Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, d).OrderByDescending(k => evd.EigenValues[k].Real).ToArray();
        double dof = Math.Max(1, n - 1);
        var result = new double[components][];
        var variance = new double[components];
        for (int k = 0; k < components; k++)
        {
            var vector = evd.EigenVectors.Column(order[k]).ToArray();
            // svd_flip: the score column's largest |value| becomes positive.
            double best = 0;
            foreach (var row in rows)
            {
                double score = 0;
                for (int j = 0; j < d; j++) score += (row[j] - mean[j]) * vector[j];
                if (Math.Abs(score) > Math.Abs(best)) best = score;
            }

            if (best < 0) for (int j = 0; j < d; j++) vector[j] = -vector[j];
            result[k] = vector;
            variance[k] = n > 1 ? Math.Max(0, evd.EigenValues[order[k]].Real) / dof : 0;
        }

        double total = 0;
        for (int j = 0; j < d; j++) total += n > 1 ? scatter[j, j] / dof : 0;
        return new Pca(mean, result, variance, total);
    }

    /// <summary>Scores of <paramref name="rows"/> on the components.</summary>
    public double[][] Transform(IReadOnlyList<double[]> rows) =>
        rows.Select(row => Components.Select(c =>
        {
            double sum = 0;
            for (int j = 0; j < c.Length; j++) sum += (row[j] - Mean[j]) * c[j];
            return sum;
        }).ToArray()).ToArray();
}
