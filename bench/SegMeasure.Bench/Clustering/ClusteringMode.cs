namespace SegMeasure.Bench.Clustering;

/// <summary>The <c>clustering</c> mode.</summary>
public sealed class ClusteringMode : IBenchmark
{
    public string Name => "clustering";

    public string Description => "k-means, DBSCAN, HDBSCAN on a large feature table vs scikit-learn";

    public int Run(string[] args) => ClusteringBenchmark.Run(args);
}
