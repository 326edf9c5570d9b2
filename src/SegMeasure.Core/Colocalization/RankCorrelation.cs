namespace SegMeasure.Core.Colocalization;

/// <summary>Spearman's rank correlation: Pearson's coefficient of the ranks, ties sharing their average rank.</summary>
internal static class RankCorrelation
{
    /// <summary>Integer samples whose range is at most this many times the sample count are ranked by counting, not sorting.</summary>
    private const int CountingRangeFactor = 8;

    public static double Spearman(ReadOnlySpan<double> a, ReadOnlySpan<double> b, bool integerSamples = false)
    {
        var ranksA = AverageRanks(a, integerSamples);
        var ranksB = AverageRanks(b, integerSamples);
        return SampleCorrelation.Pearson(ranksA, ranksB);
    }

    /// <summary>1-based ranks; a run of equal values gets the mean of the ranks it spans.</summary>
    public static double[] AverageRanks(ReadOnlySpan<double> values, bool integerSamples = false)
    {
        if (integerSamples && values.Length > 0)
        {
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            foreach (var v in values)
            {
                if (v < min) min = v;
                if (v > max) max = v;
            }

            if (max - min < (double)CountingRangeFactor * values.Length + 1024) return CountingRanks(values, min, (int)(max - min) + 1);
        }

        return SortingRanks(values);
    }

    /// <summary>
    /// Ranks of integer values from their histogram: a value's average rank is the number of
    /// smaller values plus (its own count + 1) / 2 — no sort, O(n + range).
    /// </summary>
    private static double[] CountingRanks(ReadOnlySpan<double> values, double min, int range)
    {
        var counts = new int[range];
        foreach (var v in values) counts[(int)(v - min)]++;
        var rankOf = new double[range];
        long below = 0;
        for (int k = 0; k < range; k++)
        {
            rankOf[k] = below + (counts[k] + 1) / 2.0;
            below += counts[k];
        }

        var ranks = new double[values.Length];
        for (int i = 0; i < values.Length; i++) ranks[i] = rankOf[(int)(values[i] - min)];
        return ranks;
    }

    private static double[] SortingRanks(ReadOnlySpan<double> values)
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
