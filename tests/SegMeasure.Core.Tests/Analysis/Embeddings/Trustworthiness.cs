namespace SegMeasure.Core.Tests.Analysis;

/// <summary>
/// Trustworthiness of an embedding (Venna &amp; Kaski 2001), as scikit-learn's
/// <c>sklearn.manifold.trustworthiness</c>: 1 − 2/(n k (2n − 3k − 1)) · Σ_i Σ_{j ∈ U_k(i)} (r(i, j) − k),
/// where U_k(i) are the embedding's k nearest neighbours of i that are not among its k nearest in the
/// input, and r(i, j) is j's rank among i's input-space neighbours. Checked against scikit-learn's
/// value in the tests.
/// </summary>
internal static class Trustworthiness
{
    public static double Compute(double[][] input, double[][] embedding, int k)
    {
        int n = input.Length;
        double penalty = 0;
        for (int i = 0; i < n; i++)
        {
            var inputOrder = Order(input, i);
            var rank = new int[n];
            for (int r = 0; r < inputOrder.Length; r++) rank[inputOrder[r]] = r + 1;
            foreach (var j in Order(embedding, i).Take(k))
                if (rank[j] > k) penalty += rank[j] - k;
        }

        return 1 - penalty * 2.0 / (n * k * (2.0 * n - 3.0 * k - 1.0));
    }

    /// <summary>Other points by increasing distance from point i (stable on ties).</summary>
    private static int[] Order(double[][] points, int i) =>
        Enumerable.Range(0, points.Length).Where(j => j != i)
            .OrderBy(j => points[i].Zip(points[j], (a, b) => (a - b) * (a - b)).Sum())
            .ToArray();
}
