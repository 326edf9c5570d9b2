using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Analysis.Clustering;

/// <summary>The outcome of clustering a measurement table.</summary>
/// <param name="Table">The input table with <c>cluster_id</c> added: 1-based clusters, -1 for noise and for rows that were not clustered.</param>
/// <param name="Features">The feature columns used, in order.</param>
/// <param name="ClusterCount">Number of clusters found.</param>
/// <param name="NoiseCount">Clustered rows the algorithm called noise.</param>
/// <param name="RowsWithMissing">Rows not clustered because a feature is NaN (missing).</param>
/// <param name="RowsWithInfinite">Rows not clustered because a feature is infinite (and none is NaN).</param>
/// <param name="Bandwidth">Mean Shift: the bandwidth used (estimated or given); otherwise null.</param>
/// <param name="Inertia">k-means and Ward: the within-cluster sum of squares in standardised units; otherwise null.</param>
public sealed record ClusteringResult(
    MeasurementTable Table,
    IReadOnlyList<string> Features,
    int ClusterCount,
    int NoiseCount,
    int RowsWithMissing,
    int RowsWithInfinite,
    double? Bandwidth = null,
    double? Inertia = null)
{
    public int SkippedCount => RowsWithMissing + RowsWithInfinite;

    /// <summary>A one-line account of rows that were not clustered, or null when every row was.</summary>
    public string? SkippedSummary =>
        SkippedCount == 0 ? null :
        $"{SkippedCount} row(s) not clustered (cluster_id -1): {RowsWithMissing} with a missing (NaN) feature, {RowsWithInfinite} with an infinite feature";
}
