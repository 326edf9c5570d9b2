namespace SegMeasure.Core.Tests.Analysis;

/// <summary>
/// The adjusted Rand index of two partitions (Hubert &amp; Arabie 1985), as scikit-learn's
/// adjusted_rand_score: every distinct label is a group (noise -1 included), 1 = identical
/// partitions, ≈0 = chance agreement.
/// </summary>
internal static class AdjustedRandIndex
{
    public static double Of(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        if (a.Count != b.Count) throw new ArgumentException("partitions differ in length");
        long n = a.Count;
        var pairs = new Dictionary<(int, int), long>();
        var rows = new Dictionary<int, long>();
        var cols = new Dictionary<int, long>();
        for (int i = 0; i < a.Count; i++)
        {
            pairs[(a[i], b[i])] = pairs.GetValueOrDefault((a[i], b[i])) + 1;
            rows[a[i]] = rows.GetValueOrDefault(a[i]) + 1;
            cols[b[i]] = cols.GetValueOrDefault(b[i]) + 1;
        }

        static double Choose2(long x) => x * (x - 1) / 2.0;
        double index = pairs.Values.Sum(Choose2);
        double sumRows = rows.Values.Sum(Choose2);
        double sumCols = cols.Values.Sum(Choose2);
        double expected = sumRows * sumCols / Choose2(n);
        double max = (sumRows + sumCols) / 2;
        // Both partitions trivial (one group each, or all singletons): identical means 1, as scikit-learn.
        if (max == expected) return 1.0;
        return (index - expected) / (max - expected);
    }
}
