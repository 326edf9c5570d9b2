using System.Text.Json;
using SegMeasure.Core.Analysis;
using SegMeasure.Core.Analysis.Clustering;

namespace SegMeasure.Core.Tests.Analysis.Clustering;

/// <summary>
/// Our algorithms against scikit-learn 1.2.1 on the same standardised features: measurement
/// tables of the real data in tests/data/real/ and make_blobs sets (clustering.json).
/// </summary>
public class ClusteringReferenceTests
{
    private static readonly JsonElement Reference = AnalysisReference.Json("clustering.json");

    public static IEnumerable<object[]> CasesOf(string method) =>
        Reference.EnumerateArray().Select((c, i) => (c, i))
            .Where(x => x.c.GetProperty("method").GetString() == method)
            .Select(x => new object[] { x.i, $"{x.c.GetProperty("table").GetString()} {x.c.GetProperty("params")}" });

    public static IEnumerable<object[]> KMeansCases() => CasesOf("kmeans");
    public static IEnumerable<object[]> DbScanCases() => CasesOf("dbscan");
    public static IEnumerable<object[]> MeanShiftCases() => CasesOf("mean_shift");
    public static IEnumerable<object[]> WardCases() => CasesOf("ward");

    /// <summary>The table's features standardised as the reference did (ground truth column dropped).</summary>
    internal static PointSet Standardised(string table)
    {
        var t = AnalysisReference.Table(table).WithoutColumns(["truth"]);
        var rows = FeatureMatrix.FromTable(t).ValidRows().Values;
        return PointSet.FromRows(Standardizer.Fit(rows).Transform(rows));
    }

    private static (PointSet Points, JsonElement Case, int[] Expected) Load(int index)
    {
        var c = Reference[index];
        return (Standardised(c.GetProperty("table").GetString()!), c, AnalysisReference.Ints(c.GetProperty("labels")));
    }

    [Theory]
    [MemberData(nameof(DbScanCases))]
    public void DbScan_labels_equal_scikit_learn(int index, string name)
    {
        var (points, c, expected) = Load(index);
        var p = c.GetProperty("params");
        var labels = DbScan.Fit(points, p.GetProperty("eps").GetDouble(), p.GetProperty("min_samples").GetInt32());
        Assert.True(AdjustedRandIndex.Of(expected, labels) >= 0.999, name);
        // Same numbering too: clusters in order of their first core point, noise -1.
        Assert.Equal(expected, labels);
    }

    [Theory]
    [MemberData(nameof(MeanShiftCases))]
    public void MeanShift_labels_equal_scikit_learn(int index, string name)
    {
        var (points, c, expected) = Load(index);
        var p = c.GetProperty("params");
        var result = MeanShift.Fit(points, p.GetProperty("bandwidth").GetDouble(), p.GetProperty("bin_seeding").GetBoolean(),
            clusterAll: !p.TryGetProperty("cluster_all", out var all) || all.GetBoolean());
        Assert.Equal(c.GetProperty("bandwidth").GetDouble(), result.Bandwidth, 1e-9);
        double ari = AdjustedRandIndex.Of(expected, result.Labels);
        Assert.True(ari >= 0.999, $"{name}: ARI {ari}");
    }

    [Theory]
    [MemberData(nameof(KMeansCases))]
    public void KMeans_inertia_is_no_worse_than_scikit_learn(int index, string name)
    {
        var (points, c, expected) = Load(index);
        int k = c.GetProperty("params").GetProperty("n_clusters").GetInt32();
        var result = KMeans.Fit(points, k, nInit: c.GetProperty("params").GetProperty("n_init").GetInt32());
        double reference = c.GetProperty("inertia").GetDouble();
        Assert.True(result.Inertia <= reference * (1 + 1e-9), $"{name}: inertia {result.Inertia} vs scikit-learn {reference}");
        Assert.Equal(k, result.Labels.Distinct().Count());
        // The same seed draws the same initial centres as scikit-learn's random_state, so the partitions agree too.
        Assert.True(AdjustedRandIndex.Of(expected, result.Labels) >= 0.999, name);
        Assert.Equal(expected, result.Labels);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void KMeans_finds_scikit_learns_partition_on_well_separated_blobs(int k)
    {
        var c = Reference.EnumerateArray().Single(e => e.GetProperty("table").GetString() == "blobs_separated"
            && e.GetProperty("method").GetString() == "kmeans" && e.GetProperty("params").GetProperty("n_clusters").GetInt32() == k);
        var result = KMeans.Fit(Standardised("blobs_separated"), k);
        double ari = AdjustedRandIndex.Of(AnalysisReference.Ints(c.GetProperty("labels")), result.Labels);
        Assert.True(ari >= 0.999, $"ARI {ari}");
        Assert.Equal(c.GetProperty("inertia").GetDouble(), result.Inertia, c.GetProperty("inertia").GetDouble() * 1e-9);
    }

    [Theory]
    [MemberData(nameof(WardCases))]
    public void Ward_labels_equal_scikit_learn(int index, string name)
    {
        var (points, c, expected) = Load(index);
        var result = Ward.Fit(points, c.GetProperty("params").GetProperty("n_clusters").GetInt32());
        double ari = AdjustedRandIndex.Of(expected, result.Labels);
        Assert.True(ari >= 0.999, $"{name}: ARI {ari}");
    }
}
