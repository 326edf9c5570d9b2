namespace SegMeasure.Core.Colocalization;

/// <summary>The metric groups a colocalization request can select (the spec's <c>metrics</c>).</summary>
public enum ColocalizationMetric
{
    /// <summary>Pearson's coefficient and its two-tailed p-value (<c>pcc</c>, <c>pcc_pvalue</c>).</summary>
    Pcc,

    /// <summary>Spearman's rank coefficient and its p-value (<c>srcc</c>, <c>srcc_pvalue</c>).</summary>
    Srcc,

    /// <summary>Li's intensity correlation quotient (<c>icq</c>).</summary>
    Icq,

    /// <summary>Manders' overlap coefficient and the split coefficients (<c>overlap</c>, <c>k1</c>, <c>k2</c>).</summary>
    Overlap,

    /// <summary>Manders' M1/M2 at the thresholds (<c>m1</c>, <c>m2</c>, <c>threshold_a</c>, <c>threshold_b</c>).</summary>
    Mcc,
}

/// <summary>Spelling of metric names as the spec writes them (<c>pcc,srcc,icq,overlap,mcc</c>).</summary>
public static class ColocalizationMetrics
{
    /// <summary>Every metric, in the spec's order (its <c>ALL_METRICS</c>).</summary>
    public static IReadOnlyList<ColocalizationMetric> All { get; } =
        [ColocalizationMetric.Pcc, ColocalizationMetric.Srcc, ColocalizationMetric.Icq, ColocalizationMetric.Overlap, ColocalizationMetric.Mcc];

    public static string NameOf(ColocalizationMetric metric) => metric.ToString().ToLowerInvariant();

    /// <summary>Parses a comma-separated list such as <c>pcc,mcc</c>; an unknown name is an error that lists the known ones.</summary>
    public static IReadOnlyList<ColocalizationMetric> Parse(string list) =>
        Parse(list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public static IReadOnlyList<ColocalizationMetric> Parse(IEnumerable<string> names)
    {
        var result = new List<ColocalizationMetric>();
        foreach (var name in names)
        {
            var metric = All.Where(m => string.Equals(NameOf(m), name.Trim(), StringComparison.OrdinalIgnoreCase)).Cast<ColocalizationMetric?>().FirstOrDefault()
                ?? throw new SegMeasureException("SegMeasure.UnknownMetric", ErrorKind.InvalidArgument,
                    $"unknown colocalization metric '{name}'; known metrics: {string.Join(", ", All.Select(NameOf))}");
            if (!result.Contains(metric)) result.Add(metric);
        }

        if (result.Count == 0)
            throw new SegMeasureException("SegMeasure.UnknownMetric", ErrorKind.InvalidArgument,
                $"no colocalization metric selected; known metrics: {string.Join(", ", All.Select(NameOf))}");
        return result;
    }
}
