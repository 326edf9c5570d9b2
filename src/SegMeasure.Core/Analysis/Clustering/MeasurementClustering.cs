using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Analysis.Clustering;

/// <summary>
/// Clusters the rows of a measurement table, as the reference tool's <c>cluster_measurements</c>:
/// every numeric column except the key and analysis columns is a feature, rows with a NaN or
/// infinite feature are set aside (cluster_id -1, counted in the result), the rest are z-scored
/// and clustered. Cluster ids are 1-based and noise is -1.
/// </summary>
/// <remarks>
/// Cluster numbering: DBSCAN numbers clusters in the order scikit-learn does (by the first core
/// point in table order); HDBSCAN by the condensed-tree order of the selected clusters, as the
/// hdbscan library; Mean Shift by decreasing number of points within the bandwidth of each
/// centre, as scikit-learn; k-means by the order in which k-means++ chose the centres, as
/// scikit-learn (with the same seed the very same ids); Ward by the first row that belongs to
/// each cluster.
/// </remarks>
public static class MeasurementClustering
{
    public const string IdColumn = "cluster_id";

    public static ClusteringResult Cluster(MeasurementTable table, ClusteringOptions options, string? annotationColumn = "annotation",
        IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var matrix = FeatureMatrix.FromTable(table, annotationColumn);
        var (rowNumbers, values) = matrix.ValidRows();
        int withMissing = 0, withInfinite = 0;
        for (int r = 0; r < matrix.Rows.Count; r++)
        {
            if (matrix.IsValid[r]) continue;
            if (matrix.Rows[r].Any(double.IsNaN)) withMissing++;
            else withInfinite++;
        }

        var ids = new long?[table.RowCount];
        Array.Fill(ids, -1L);
        if (values.Length == 0)
            throw new SegMeasureException("SegMeasure.NoValidRows", ErrorKind.InvalidData,
                $"no row can be clustered: {withMissing} row(s) have a missing (NaN) feature and {withInfinite} an infinite one");

        progress?.Report(new WorkProgress("Clustering", 0, 1));
        var points = PointSet.FromRows(Standardizer.Fit(values).Transform(values));
        var (labels, bandwidth, inertia) = Run(points, options, cancellationToken);
        progress?.Report(new WorkProgress("Clustering", 1, 1));

        int noise = 0, clusters = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            ids[rowNumbers[i]] = labels[i] < 0 ? -1 : labels[i] + 1;
            if (labels[i] < 0) noise++;
            else clusters = Math.Max(clusters, labels[i] + 1);
        }

        var result = table.WithColumn(new IntegerColumn(IdColumn, ids));
        return new ClusteringResult(result, matrix.FeatureNames, clusters, noise, withMissing, withInfinite, bandwidth, inertia);
    }

    /// <summary>Runs the chosen algorithm on standardised points; labels are 0-based, -1 noise.</summary>
    internal static (int[] Labels, double? Bandwidth, double? Inertia) Run(PointSet points, ClusteringOptions options, CancellationToken cancellationToken = default)
    {
        switch (options.Method)
        {
            case ClusteringMethod.KMeans:
                var kmeans = KMeans.Fit(points, options.Clusters, options.Restarts, options.MaxIterations, options.Tolerance, options.Seed, cancellationToken);
                return (kmeans.Labels, null, kmeans.Inertia);
            case ClusteringMethod.DbScan:
                return (DbScan.Fit(points, options.Eps, options.MinSamples ?? ClusteringOptions.DefaultMinSamples, cancellationToken), null, null);
            case ClusteringMethod.Hdbscan:
                return (Hdbscan.Fit(points, options.MinClusterSize, options.MinSamples, cancellationToken), null, null);
            case ClusteringMethod.MeanShift:
                var shift = MeanShift.Fit(points, options.Bandwidth, options.BinSeeding, options.MinBinFrequency, options.ClusterAll, cancellationToken: cancellationToken);
                return (shift.Labels, shift.Bandwidth, null);
            case ClusteringMethod.Ward:
                var ward = Ward.Fit(points, options.Clusters, cancellationToken);
                return (ward.Labels, null, ward.Inertia);
            default:
                throw new ArgumentOutOfRangeException(nameof(options));
        }
    }
}
