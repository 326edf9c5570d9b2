using System.Management.Automation;
using SegMeasure.Core.Analysis.Clustering;
using SegMeasure.Core.Analysis;
using SegMeasure.Core.Tables;

namespace SegMeasure.PowerShell;

/// <summary>
/// <para type="synopsis">Clusters measurement records on their z-scored numeric properties.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "Clustering", SupportsShouldProcess = true)]
[OutputType(typeof(PSObject))]
public sealed class InvokeClusteringCommand : PaintingTableCmdlet
{
    /// <summary>kmeans, dbscan, hdbscan, mean_shift or ward.</summary>
    [Parameter(Position = 0)]
    [ValidateSet("kmeans", "dbscan", "hdbscan", "mean_shift", "ward")]
    public string Method { get; set; } = ClusteringOptions.Default.Method.ToName();

    /// <summary>K-Means / Ward: number of clusters.</summary>
    [Parameter]
    [Alias("NClusters")]
    [ValidateRange(1, int.MaxValue)]
    public int Clusters { get; set; } = ClusteringOptions.Default.Clusters;

    /// <summary>DBSCAN: neighbourhood radius in standardised units.</summary>
    [Parameter]
    public double Eps { get; set; } = ClusteringOptions.Default.Eps;

    /// <summary>DBSCAN / HDBSCAN: neighbourhood size that makes a core point, the point itself included
    /// (DBSCAN default 5; HDBSCAN default the minimum cluster size).</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? MinSamples { get; set; }

    /// <summary>HDBSCAN: minimum cluster size.</summary>
    [Parameter]
    [ValidateRange(2, int.MaxValue)]
    public int MinClusterSize { get; set; } = ClusteringOptions.Default.MinClusterSize;

    /// <summary>Mean Shift: bandwidth; 0 estimates it from the data.</summary>
    [Parameter]
    [ValidateRange(0.0, double.MaxValue)]
    public double Bandwidth { get; set; }

    /// <summary>Mean Shift: seed from bandwidth-sized bins instead of every record.</summary>
    [Parameter]
    public SwitchParameter BinSeeding { get; set; }

    /// <summary>Mean Shift with -BinSeeding: records a bin needs to become a seed.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int MinBinFrequency { get; set; } = ClusteringOptions.Default.MinBinFrequency;

    /// <summary>K-Means: random seed; the same seed gives the same clusters.</summary>
    [Parameter]
    public int Seed { get; set; } = ClusteringOptions.Default.Seed;

    /// <summary>K-Means: restarts, the best kept.</summary>
    [Parameter]
    [Alias("NInit")]
    [ValidateRange(1, int.MaxValue)]
    public int Restarts { get; set; } = ClusteringOptions.Default.Restarts;

    protected override MeasurementTable Process(MeasurementTable table)
    {
        var options = new ClusteringOptions
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
        };
        var result = Run((progress, ct) => MeasurementClustering.Cluster(table, options, progress: progress, cancellationToken: ct));
        if (result.SkippedSummary is { } skipped) WriteWarning(skipped);
        PaintIfRequested(result.Table, MeasurementClustering.IdColumn);
        return result.Table;
    }
}
