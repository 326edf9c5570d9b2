namespace SegMeasure.Core.Colocalization;

/// <summary>Spearman's rank correlation: Pearson's coefficient of the ranks, ties sharing their average rank.</summary>
internal static class RankCorrelation
{
    public static double Spearman(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var ranksA = AverageRanks(a);
        var ranksB = AverageRanks(b);
        return SampleCorrelation.Pearson(ranksA, ranksB);
    }

    /// <summary>1-based ranks; a run of equal values gets the mean of the ranks it spans.</summary>
    public static double[] AverageRanks(ReadOnlySpan<double> values)
    {
        int n = values.Length;
        var sorted = values.ToArray();
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Array.Sort(sorted, order);
        var ranks = new double[n];
        int start = 0;
        while (start < n)
        {
            int end = start + 1;
            while (end < n && sorted[end] == sorted[start]) end++;
            double rank = (start + 1 + end) / 2.0; // mean of ranks start+1 … end
            for (int k = start; k < end; k++) ranks[order[k]] = rank;
            start = end;
        }

        return ranks;
    }
}
