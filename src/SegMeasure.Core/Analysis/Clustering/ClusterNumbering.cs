namespace SegMeasure.Core.Analysis.Clustering;

/// <summary>Helpers that put cluster labels into the project's documented numbering.</summary>
internal static class ClusterNumbering
{
    /// <summary>
    /// Renumbers 0-based labels (negative = noise, kept as -1) so clusters are numbered 0, 1, …
    /// in the order their first member appears in the input.
    /// </summary>
    public static int[] ByFirstAppearance(int[] labels)
    {
        var map = new Dictionary<int, int>();
        var result = new int[labels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] < 0)
            {
                result[i] = -1;
                continue;
            }

            if (!map.TryGetValue(labels[i], out var id))
            {
                id = map.Count;
                map[labels[i]] = id;
            }

            result[i] = id;
        }

        return result;
    }
}
