using SegMeasure.Core.Analysis.Clustering;

namespace SegMeasure.Core.Tests.Analysis.Clustering;

/// <summary>
/// HDBSCAN's documented behaviour on its standard examples (scikit-learn 1.2.1 has no HDBSCAN to
/// compare with): dense blobs in uniform noise, invariances, and the two spanning-tree algorithms
/// agreeing with each other and with brute-force core distances.
/// </summary>
public class HdbscanTests
{
    private static (PointSet Points, int[] Truth) Table(string name)
    {
        var truth = AnalysisReference.Table(name)["truth"];
        return (ClusteringReferenceTests.Standardised(name), Enumerable.Range(0, truth.Count).Select(i => (int)truth.GetDouble(i)).ToArray());
    }

    [Fact]
    public void Finds_the_blobs_and_calls_the_uniform_background_noise()
    {
        var (points, truth) = Table("blobs_noise");
        var labels = Hdbscan.Fit(points, minClusterSize: 15);
        Assert.Equal(3, labels.Where(l => l >= 0).Distinct().Count());
        var background = Enumerable.Range(0, truth.Length).Where(i => truth[i] < 0).ToArray();
        var blobs = Enumerable.Range(0, truth.Length).Where(i => truth[i] >= 0).ToArray();
        double backgroundNoise = background.Count(i => labels[i] < 0) / (double)background.Length;
        double blobNoise = blobs.Count(i => labels[i] < 0) / (double)blobs.Length;
        Assert.True(backgroundNoise >= 0.6, $"only {backgroundNoise:P0} of the uniform points are noise");
        Assert.True(blobNoise <= 0.10, $"{blobNoise:P0} of the blob points are noise");
        var clustered = blobs.Where(i => labels[i] >= 0).ToArray();
        Assert.True(AdjustedRandIndex.Of(clustered.Select(i => truth[i]).ToArray(), clustered.Select(i => labels[i]).ToArray()) >= 0.99);
    }

    [Fact]
    public void Separated_blobs_are_found_with_default_parameters()
    {
        var (points, truth) = Table("blobs_separated");
        var labels = Hdbscan.Fit(points);
        Assert.True(AdjustedRandIndex.Of(truth, labels) >= 0.98);
        Assert.Equal(4, labels.Where(l => l >= 0).Distinct().Count());
    }

    [Fact]
    public void Row_order_does_not_change_the_partition()
    {
        var (points, _) = Table("blobs_noise");
        var labels = Hdbscan.Fit(points, 15);
        var order = Enumerable.Range(0, points.Count).OrderBy(i => (i * 7919) % points.Count).ToArray();
        var shuffled = PointSet.FromRows(order.Select(i => points[i].ToArray()).ToArray());
        var shuffledLabels = Hdbscan.Fit(shuffled, 15);
        var back = new int[points.Count];
        for (int k = 0; k < order.Length; k++) back[order[k]] = shuffledLabels[k];
        Assert.Equal(1.0, AdjustedRandIndex.Of(labels, back), 12);
        Assert.Equal(labels.Select(l => l < 0), back.Select(l => l < 0));
    }

    [Fact]
    public void Rescaled_features_give_the_same_clusters_after_standardisation()
    {
        var table = AnalysisReference.Table("blobs_noise").WithoutColumns(["truth"]);
        var f1 = (SegMeasure.Core.Tables.DoubleColumn)table["f1"];
        var scaled = table.WithColumn(new SegMeasure.Core.Tables.DoubleColumn("f1", f1.Values.Select(v => v * 1000 + 5).ToArray()));
        var options = new ClusteringOptions { Method = ClusteringMethod.Hdbscan, MinClusterSize = 15 };
        var a = MeasurementClustering.Cluster(table, options).Table["cluster_id"];
        var b = MeasurementClustering.Cluster(scaled, options).Table["cluster_id"];
        Assert.Equal(Enumerable.Range(0, a.Count).Select(a.GetDouble), Enumerable.Range(0, b.Count).Select(b.GetDouble));
    }

    [Fact]
    public void Boruvka_and_Prim_build_trees_of_equal_weight()
    {
        var random = new Random(3);
        var data = Enumerable.Range(0, 3000 * 4).Select(_ => random.NextDouble()).ToArray();
        var points = new PointSet(data, 3000, 4);
        var (core, neighbors) = Hdbscan.CoreDistancesAndNeighbors(points, 5);
        var prim = MinimumSpanningTree.DensePrim(points, core);
        foreach (var boruvka in new[] { MinimumSpanningTree.Boruvka(new KdTree(points), core), MinimumSpanningTree.Boruvka(new KdTree(points), core, neighbors) })
        {
            Assert.Equal(points.Count - 1, boruvka.Length);
            Assert.Equal(prim.Sum(e => e.Weight), boruvka.Sum(e => e.Weight), 1e-9);
            Assert.Equal(prim.Select(e => e.Weight).OrderBy(w => w), boruvka.Select(e => e.Weight).OrderBy(w => w));
        }
    }

    [Fact]
    public void Core_distance_counts_the_point_itself()
    {
        var points = new PointSet([0, 1, 3, 6, 10], 5, 1);
        // min_samples = 2: the nearest other point; min_samples = 1: the point itself (0).
        Assert.Equal([1, 1, 2, 3, 4], Hdbscan.CoreDistances(points, 2));
        Assert.Equal([0, 0, 0, 0, 0], Hdbscan.CoreDistances(points, 1));
    }

    [Fact]
    public void A_single_blob_is_not_a_cluster_of_its_own_root()
    {
        // Excess of mass never selects the root: one tight group plus sparse points gives noise or sub-clusters, never one root cluster.
        var random = new Random(1);
        var data = Enumerable.Range(0, 200).Select(_ => random.NextDouble()).ToArray();
        var labels = Hdbscan.Fit(new PointSet(data, 100, 2), 5);
        Assert.NotEqual(100, labels.Count(l => l == 0));
    }

    [Fact]
    public void Invalid_parameters_are_errors()
    {
        var points = new PointSet([0, 1, 2], 3, 1);
        Assert.Equal("SegMeasure.InvalidMinClusterSize", Assert.Throws<SegMeasureException>(() => Hdbscan.Fit(points, 1)).ErrorId);
        Assert.Equal("SegMeasure.InvalidMinSamples", Assert.Throws<SegMeasureException>(() => Hdbscan.Fit(points, 5, 0)).ErrorId);
    }

    [Fact]
    public void Groups_of_identical_rows_do_not_produce_undefined_stabilities()
    {
        // Twelve copies of one row, split into two groups of six at distance 0, plus a spread of other rows.
        var data = new List<double>();
        for (int i = 0; i < 12; i++) data.AddRange([5.0, 5.0]);
        var random = new Random(2);
        for (int i = 0; i < 60; i++) data.AddRange([random.NextDouble() * 3, random.NextDouble() * 3]);
        var labels = Hdbscan.Fit(new PointSet(data.ToArray(), 72, 2), 5);
        // The copies end up together in one cluster.
        Assert.Single(labels.Take(12).Distinct());
        Assert.True(labels[0] >= 0);
    }
}
