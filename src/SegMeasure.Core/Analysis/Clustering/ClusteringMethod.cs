namespace SegMeasure.Core.Analysis.Clustering;

/// <summary>The clustering algorithms; names as the CLI spells them: kmeans, dbscan, hdbscan, mean_shift, ward.</summary>
public enum ClusteringMethod
{
    KMeans,
    DbScan,
    Hdbscan,
    MeanShift,

    /// <summary>Agglomerative clustering with Ward's linkage, cut at <see cref="ClusteringOptions.Clusters"/> clusters.</summary>
    Ward,
}

/// <summary>Parsing and printing method names as the command line and cmdlets spell them.</summary>
public static class ClusteringMethodNames
{
    public static IReadOnlyList<string> All { get; } = ["kmeans", "dbscan", "hdbscan", "mean_shift", "ward"];

    public static string ToName(this ClusteringMethod method) => All[(int)method];

    public static ClusteringMethod Parse(string name)
    {
        var normalized = name.Trim().ToLowerInvariant().Replace('-', '_');
        if (normalized == "meanshift") normalized = "mean_shift";
        if (normalized == "k_means") normalized = "kmeans";
        int index = All.ToList().IndexOf(normalized);
        if (index < 0)
            throw new SegMeasureException("SegMeasure.UnknownMethod", ErrorKind.InvalidArgument,
                $"unknown clustering method '{name}' (expected one of: {string.Join(", ", All)})");
        return (ClusteringMethod)index;
    }
}
