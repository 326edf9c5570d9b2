namespace SegMeasure.Core.Analysis;

/// <summary>
/// z-scoring with the population standard deviation, as scikit-learn's StandardScaler: a
/// feature with zero spread keeps scale 1 so it maps to 0 instead of NaN.
/// </summary>
public sealed record Standardizer(double[] Mean, double[] Scale)
{
    public static Standardizer Fit(IReadOnlyList<double[]> rows)
    {
        if (rows.Count == 0) throw new ArgumentException("cannot standardise zero rows", nameof(rows));
        int d = rows[0].Length;
        var mean = new double[d];
        var scale = new double[d];
        foreach (var row in rows)
            for (int j = 0; j < d; j++) mean[j] += row[j];
        for (int j = 0; j < d; j++) mean[j] /= rows.Count;
        foreach (var row in rows)
            for (int j = 0; j < d; j++) scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]);
        for (int j = 0; j < d; j++)
        {
            var std = Math.Sqrt(scale[j] / rows.Count);
            scale[j] = std > 0 ? std : 1.0;
        }

        return new Standardizer(mean, scale);
    }

    public double[] Transform(double[] row)
    {
        var result = new double[row.Length];
        for (int j = 0; j < row.Length; j++) result[j] = (row[j] - Mean[j]) / Scale[j];
        return result;
    }

    public double[][] Transform(IReadOnlyList<double[]> rows) => rows.Select(Transform).ToArray();
}
