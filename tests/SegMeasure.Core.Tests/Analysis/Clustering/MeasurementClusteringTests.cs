using SegMeasure.Core.Analysis.Clustering;
using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Tests.Analysis.Clustering;

public class MeasurementClusteringTests
{
    private static long[] Ids(ClusteringResult result) =>
        ((IntegerColumn)result.Table[MeasurementClustering.IdColumn]).Values.Select(v => v!.Value).ToArray();

    [Fact]
    public void A_real_table_clusters_as_scikit_learn_with_ids_shifted_to_one_based()
    {
        var reference = AnalysisReference.Json("clustering.json").EnumerateArray().First(c =>
            c.GetProperty("table").GetString() == "maize" && c.GetProperty("method").GetString() == "dbscan"
            && c.GetProperty("params").GetProperty("eps").GetDouble() == 1.0);
        var result = MeasurementClustering.Cluster(AnalysisReference.Table("maize"),
            new ClusteringOptions { Method = ClusteringMethod.DbScan, Eps = 1.0, MinSamples = 3 });
        var expected = AnalysisReference.Ints(reference.GetProperty("labels")).Select(l => l < 0 ? -1L : l + 1L).ToArray();
        Assert.Equal(expected, Ids(result));
        Assert.Equal(expected.Count(l => l < 0), result.NoiseCount);
        Assert.Equal(10, result.Features.Count);
    }

    [Fact]
    public void Rows_with_missing_or_infinite_features_are_counted_and_get_minus_one()
    {
        var table = new MeasurementTable([
            new IntegerColumn("index", [1L, 2, 3, 4, 5, 6, 7]),
            new DoubleColumn("a", [0, 0.1, 5, 5.1, double.NaN, 1, double.NegativeInfinity]),
            new DoubleColumn("b", [0, 0.2, 5, 5.2, 1, double.PositiveInfinity, double.NaN]),
            new TextColumn("name", ["x", "y", "z", "w", "v", "u", "t"]),
        ]);
        var result = MeasurementClustering.Cluster(table, new ClusteringOptions { Clusters = 2 });
        Assert.Equal(new long[] { 1, 1, 2, 2, -1, -1, -1 }, Ids(result));
        Assert.Equal(2, result.RowsWithMissing);
        Assert.Equal(1, result.RowsWithInfinite);
        Assert.Equal(["a", "b"], result.Features);
        Assert.Contains("3 row(s) not clustered", result.SkippedSummary);
    }

    [Fact]
    public void Previous_analysis_columns_are_not_features()
    {
        var table = new MeasurementTable([
            new IntegerColumn("index", [1L, 2, 3, 4]),
            new DoubleColumn("a", [0, 0.1, 5, 5.1]),
            new IntegerColumn("cluster_id", [1L, 2, 1, 2]),
            new IntegerColumn("category_id", [2L, 1, 1, 2]),
            new IntegerColumn("annotation", [0L, 1, 0, 2]),
        ]);
        var result = MeasurementClustering.Cluster(table, new ClusteringOptions { Clusters = 2 });
        Assert.Equal(["a"], result.Features);
        Assert.Equal(new long[] { 1, 1, 2, 2 }, Ids(result));
        Assert.Equal(5, result.Table.ColumnCount);
    }

    [Fact]
    public void A_table_without_clusterable_rows_is_an_error()
    {
        var table = new MeasurementTable([new IntegerColumn("index", [1L]), new DoubleColumn("a", [double.NaN])]);
        Assert.Equal("SegMeasure.NoValidRows", Assert.Throws<SegMeasureException>(() => MeasurementClustering.Cluster(table, new ClusteringOptions())).ErrorId);
    }

    [Fact]
    public void More_clusters_than_rows_is_an_error()
    {
        var table = new MeasurementTable([new IntegerColumn("index", [1L, 2]), new DoubleColumn("a", [1, 2])]);
        Assert.Equal("SegMeasure.TooFewRows", Assert.Throws<SegMeasureException>(() => MeasurementClustering.Cluster(table, new ClusteringOptions())).ErrorId);
    }

    [Theory]
    [InlineData("kmeans", ClusteringMethod.KMeans)]
    [InlineData("mean_shift", ClusteringMethod.MeanShift)]
    [InlineData("MeanShift", ClusteringMethod.MeanShift)]
    [InlineData("HDBSCAN", ClusteringMethod.Hdbscan)]
    [InlineData("ward", ClusteringMethod.Ward)]
    public void Method_names_parse(string name, ClusteringMethod method) => Assert.Equal(method, ClusteringMethodNames.Parse(name));

    [Fact]
    public void Unknown_method_names_list_the_choices()
    {
        var e = Assert.Throws<SegMeasureException>(() => ClusteringMethodNames.Parse("spectral"));
        Assert.Contains("kmeans, dbscan, hdbscan, mean_shift, ward", e.Message);
    }

    [Fact]
    public void KMeans_is_deterministic_for_a_seed()
    {
        var points = ClusteringReferenceTests.Standardised("blobs_overlapping");
        var a = KMeans.Fit(points, 6, seed: 42);
        var b = KMeans.Fit(points, 6, seed: 42);
        Assert.Equal(a.Labels, b.Labels);
        Assert.Equal(a.Inertia, b.Inertia);
    }
}
