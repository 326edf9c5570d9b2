namespace SegMeasure.Core.Colocalization;

/// <summary>
/// For each point of one set, its nearest point of another (the spec's
/// <c>nearest_neighbour_vectors</c> and distances). Exhaustive search: object counts are small
/// next to pixel counts.
/// </summary>
internal static class NearestNeighbours
{
    /// <summary>Index of the nearest point of <paramref name="to"/> for each of <paramref name="from"/> (−1 when <paramref name="to"/> is empty).</summary>
    public static int[] Indices(IReadOnlyList<double[]> from, IReadOnlyList<double[]> to)
    {
        var result = new int[from.Count];
        for (int i = 0; i < from.Count; i++)
        {
            int best = -1;
            double bestDistance = double.PositiveInfinity;
            for (int j = 0; j < to.Count; j++)
            {
                double d = SquaredDistance(from[i], to[j]);
                if (d < bestDistance)
                {
                    bestDistance = d;
                    best = j;
                }
            }

            result[i] = best;
        }

        return result;
    }

    /// <summary>Distance to the nearest point of <paramref name="to"/>; NaN when <paramref name="to"/> is empty.</summary>
    public static double[] Distances(IReadOnlyList<double[]> from, IReadOnlyList<double[]> to)
    {
        var nearest = Indices(from, to);
        return nearest.Select((j, i) => j < 0 ? double.NaN : Math.Sqrt(SquaredDistance(from[i], to[j]))).ToArray();
    }

    /// <summary>[start, direction] pairs from each point of <paramref name="from"/> to its nearest of <paramref name="to"/>; empty when either set is.</summary>
    public static IReadOnlyList<(double[] Start, double[] Direction)> Vectors(IReadOnlyList<double[]> from, IReadOnlyList<double[]> to)
    {
        if (from.Count == 0 || to.Count == 0) return [];
        var nearest = Indices(from, to);
        return nearest.Select((j, i) => (from[i], to[j].Select((c, k) => c - from[i][k]).ToArray())).ToArray();
    }

    private static double SquaredDistance(double[] p, double[] q)
    {
        double sum = 0;
        for (int k = 0; k < p.Length; k++) sum += (p[k] - q[k]) * (p[k] - q[k]);
        return sum;
    }
}
