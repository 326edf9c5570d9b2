using System.Management.Automation;
using SegMeasure.Core.Analysis.Clustering;
using SegMeasure.Core.Analysis;
using SegMeasure.Core.Tables;

namespace SegMeasure.PowerShell;

/// <summary>
/// <para type="synopsis">Clusters measurement records on their z-scored numeric properties.</para>
/// <para type="description">Collects the piped records, uses every numeric property except index and the
/// analysis columns as a feature, and emits the records with cluster_id added: 1-based clusters, -1 for noise
/// (DBSCAN, HDBSCAN) and for records with a missing or infinite feature (a warning says how many). Methods:
/// kmeans (default), dbscan, hdbscan, mean_shift, ward. Same as <c>segmeasure analyze cluster</c>.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "Clustering", SupportsShouldProcess = true)]
[OutputType(typeof(PSObject))]
public sealed class InvokeClusteringCommand : PaintingTableCmdlet
{
    /// <summary><para type="description">kmeans, dbscan, hdbscan, mean_shift or ward.</para></summary>
    [Parameter(Position = 0)]
    [ValidateSet("kmeans", "dbscan", "hdbscan", "mean_shift", "ward")]
    public string Method { get; set; } = "kmeans";

    /// <summary><para type="description">K-Means / Ward: number of clusters.</para></summary>
    [Parameter]
    [Alias("NClusters")]
    [ValidateRange(1, int.MaxValue)]
    public int Clusters { get; set; } = 3;

    /// <summary><para type="description">DBSCAN: neighbourhood radius in standardised units.</para></summary>
    [Parameter]
    public double Eps { get; set; } = 0.5;

    /// <summary><para type="description">DBSCAN / HDBSCAN: neighbourhood size that makes a core point, the point itself included
    /// (DBSCAN default 5; HDBSCAN default the minimum cluster size).</para></summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? MinSamples { get; set; }

    /// <summary><para type="description">HDBSCAN: minimum cluster size.</para></summary>
    [Parameter]
    [ValidateRange(2, int.MaxValue)]
    public int MinClusterSize { get; set; } = 5;

    /// <summary><para type="description">Mean Shift: bandwidth; 0 estimates it from the data.</para></summary>
    [Parameter]
    [ValidateRange(0.0, double.MaxValue)]
    public double Bandwidth { get; set; }

    /// <summary><para type="description">Mean Shift: seed from bandwidth-sized bins instead of every record.</para></summary>
    [Parameter]
    public SwitchParameter BinSeeding { get; set; }

    /// <summary><para type="description">Mean Shift with -BinSeeding: records a bin needs to become a seed.</para></summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int MinBinFrequency { get; set; } = 1;

    /// <summary><para type="description">K-Means: random seed; the same seed gives the same clusters.</para></summary>
    [Parameter]
    public int Seed { get; set; }

    /// <summary><para type="description">K-Means: restarts, the best kept.</para></summary>
    [Parameter]
    [Alias("NInit")]
    [ValidateRange(1, int.MaxValue)]
    public int Restarts { get; set; } = 10;

    protected override MeasurementTable Process(MeasurementTable table)
    {
        var result = MeasurementClustering.Cluster(table, new ClusteringOptions
        {
            Method = ClusteringMethodNames.Parse(Method),
            Clusters = Clusters,
            Eps = Eps,
            MinSamples = MinSamples,
            MinClusterSize = MinClusterSize,
            Bandwidth = Bandwidth,
            BinSeeding = BinSeeding,
            MinBinFrequency = MinBinFrequency,
            Seed = Seed,
            Restarts = Restarts,
        });
        if (result.SkippedSummary is { } skipped) WriteWarning(skipped);
        PaintIfRequested(result.Table, MeasurementClustering.IdColumn);
        return result.Table;
    }
}
