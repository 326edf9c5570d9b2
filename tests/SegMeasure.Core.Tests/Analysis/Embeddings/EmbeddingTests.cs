using SegMeasure.Core.Analysis;
using SegMeasure.Core.Analysis.Embeddings;
using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Tests.Analysis;

/// <summary>
/// PCA against scikit-learn's (components equal up to sign); t-SNE and UMAP by trustworthiness
/// on standard blobs (≥ 0.9, measured with a trustworthiness that reproduces scikit-learn's) and
/// by determinism for a fixed seed.
/// </summary>
public class EmbeddingTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static double[][] Standardized(MeasurementTable table, params string[] drop)
    {
        var features = FeatureMatrix.FromTable(table.WithoutColumns(drop));
        return Standardizer.Fit(features.Rows).Transform(features.Rows);
    }

    private static double[][] Blobs() => Standardized(ClassifierReferenceData.Table("blobs.csv"), "blob");

    [Fact]
    public void Pca_components_equal_scikit_learns_up_to_sign()
    {
        var rows = Standardized(ClassifierReferenceData.Table("wine.csv"), "fold", "annotation");
        var pca = Pca.Fit(rows, 2);
        var expected = ClassifierReferenceData.Expected("pca_wine");
        var components = expected.GetProperty("components").EnumerateArray().Select(c => c.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        var variance = expected.GetProperty("explained_variance").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var ratio = expected.GetProperty("explained_variance_ratio").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var scores = ClassifierReferenceData.Table("wine_pca.csv");
        var ours = pca.Transform(rows);
        for (int k = 0; k < 2; k++)
        {
            double sign = Math.Sign(pca.Components[k].Zip(components[k], (a, b) => a * b).Sum());
            for (int j = 0; j < components[k].Length; j++)
                Assert.Equal(components[k][j], sign * pca.Components[k][j], 1e-9);
            Assert.Equal(variance[k], pca.ExplainedVariance[k], 1e-9);
            Assert.Equal(ratio[k], pca.ExplainedVarianceRatio[k], 1e-12);
            var column = scores[k == 0 ? "pc1" : "pc2"];
            for (int r = 0; r < rows.Length; r++) Assert.Equal(column.GetDouble(r), sign * ours[r][k], 1e-9);
        }
    }

    [Fact]
    public void Trustworthiness_reproduces_scikit_learns_value()
    {
        var embedding = ClassifierReferenceData.Table("blobs_sklearn_tsne.csv");
        var points = Enumerable.Range(0, embedding.RowCount).Select(r => new[] { embedding["e1"].GetDouble(r), embedding["e2"].GetDouble(r) }).ToArray();
        var expected = ClassifierReferenceData.Expected("blobs");
        Assert.Equal(expected.GetProperty("sklearn_tsne_trustworthiness_k5").GetDouble(), Trustworthiness.Compute(Blobs(), points, 5), 1e-12);
        Assert.Equal(expected.GetProperty("sklearn_tsne_trustworthiness_k10").GetDouble(), Trustworthiness.Compute(Blobs(), points, 10), 1e-12);
    }

    public static TheoryData<string> Methods() => new() { "tsne-exact", "tsne-barnes-hut", "umap-spectral", "umap-random", "pca" };

    private static EmbeddingOptions Options(string name, int seed = 0) => name switch
    {
        "tsne-exact" => new EmbeddingOptions { Method = EmbeddingMethod.TSne, Seed = seed },
        "tsne-barnes-hut" => new EmbeddingOptions { Method = EmbeddingMethod.TSne, Seed = seed, ExactTSneMaxRows = 0 },
        "umap-spectral" => new EmbeddingOptions { Method = EmbeddingMethod.Umap, Seed = seed },
        "umap-random" => new EmbeddingOptions { Method = EmbeddingMethod.Umap, Seed = seed, SpectralInitialization = false },
        _ => new EmbeddingOptions { Method = EmbeddingMethod.Pca },
    };

    [Theory]
    [MemberData(nameof(Methods))]
    public void Embeddings_of_blobs_are_trustworthy(string method)
    {
        var rows = Blobs();
        var points = Embedding.Reduce(rows, Options(method));
        Assert.All(points, p => Assert.True(double.IsFinite(p[0]) && double.IsFinite(p[1])));
        var t = Trustworthiness.Compute(rows, points, 5);
        output.WriteLine($"{method}: trustworthiness (k=5) {t:F4}");
        Assert.True(t >= 0.9, $"{method}: trustworthiness {t:F4}");
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void A_fixed_seed_gives_the_same_embedding(string method)
    {
        var rows = Blobs();
        var first = Embedding.Reduce(rows, Options(method, 5));
        var second = Embedding.Reduce(rows, Options(method, 5));
        Assert.Equal(first.SelectMany(p => p), second.SelectMany(p => p));
    }

    [Fact]
    public void Umap_seeds_change_the_layout()
    {
        var rows = Blobs();
        var a = Embedding.Reduce(rows, Options("umap-random", 1));
        var b = Embedding.Reduce(rows, Options("umap-random", 2));
        Assert.NotEqual(a.SelectMany(p => p), b.SelectMany(p => p));
    }

    [Fact]
    public void Umap_curve_parameters_match_umap_learns_fit()
    {
        foreach (var c in ClassifierReferenceData.Expected("umap_curve").EnumerateArray())
        {
            var (a, b) = UmapCurve.Fit(c.GetProperty("spread").GetDouble(), c.GetProperty("min_dist").GetDouble());
            Assert.Equal(c.GetProperty("a").GetDouble(), a, 1e-4);
            Assert.Equal(c.GetProperty("b").GetDouble(), b, 1e-4);
        }
    }

    [Fact]
    public void Table_gains_embedding_columns_and_skipped_rows_are_counted()
    {
        var table = ClassifierReferenceData.Table("blobs.csv").WithoutColumns(["blob"]);
        var f1 = ((DoubleColumn)table["f1"]).Values.ToArray();
        f1[10] = double.NaN;
        table = table.WithColumn(new DoubleColumn("f1", f1));
        var result = Embedding.Compute(table, new EmbeddingOptions { Method = EmbeddingMethod.Pca });
        Assert.Equal(1, result.SkippedRows);
        Assert.Equal(table.RowCount - 1, result.EmbeddedRows);
        Assert.True(double.IsNaN(result.Table[Embedding.FirstColumn].GetDouble(10)));
        Assert.True(double.IsFinite(result.Table[Embedding.SecondColumn].GetDouble(11)));
        Assert.NotNull(result.SkipMessage);

        // A second run does not use the first run's coordinates as features.
        var again = Embedding.Compute(result.Table, new EmbeddingOptions { Method = EmbeddingMethod.Pca });
        Assert.Equal(result.Table[Embedding.FirstColumn].GetDouble(0), again.Table[Embedding.FirstColumn].GetDouble(0));
        Assert.Equal(result.Table.ColumnCount, again.Table.ColumnCount);
    }
}

public class SpectralLayoutTests
{
    /// <summary>Points on a circle: the graph is a ring, whose 2nd and 3rd Laplacian eigenvectors are a
    /// cosine and a sine, so the spectral layout is itself a circle.</summary>
    [Theory]
    [InlineData(1000)] // dense eigendecomposition
    [InlineData(0)]    // subspace iteration
    public void A_ring_is_laid_out_as_a_circle(int denseMaxRows)
    {
        int n = 240;
        var rows = Enumerable.Range(0, n).Select(i => new[] { Math.Cos(2 * Math.PI * i / n), Math.Sin(2 * Math.PI * i / n), 0.01 * ((i * 7) % 5) }).ToArray();
        var graph = FuzzySimplicialSet.Build(rows, 10);
        Assert.Equal(1, graph.ComponentCount());
        var layout = SpectralLayout.Compute(graph, denseMaxRows: denseMaxRows);
        Assert.NotNull(layout);
        double cx = layout!.Average(p => p[0]), cy = layout.Average(p => p[1]);
        var radii = layout.Select(p => Math.Sqrt((p[0] - cx) * (p[0] - cx) + (p[1] - cy) * (p[1] - cy))).ToArray();
        double mean = radii.Average();
        Assert.True(radii.All(r => Math.Abs(r - mean) < 0.05 * mean), $"radii {radii.Min():G3}..{radii.Max():G3}");
    }

    [Fact]
    public void Lanczos_and_the_dense_eigendecomposition_agree()
    {
        var table = ClassifierReferenceData.Table("breast_cancer.csv").WithoutColumns(["fold", "annotation"]);
        var features = FeatureMatrix.FromTable(table);
        var graph = FuzzySimplicialSet.Build(Standardizer.Fit(features.Rows).Transform(features.Rows), 15);
        var dense = SpectralLayout.Compute(graph, denseMaxRows: 1000)!;
        var lanczos = SpectralLayout.Compute(graph, denseMaxRows: 0);
        Assert.NotNull(lanczos);
        for (int i = 0; i < dense.Length; i++)
            for (int k = 0; k < 2; k++) Assert.Equal(dense[i][k], lanczos![i][k], 1e-5);
    }

    [Fact]
    public void A_disconnected_graph_has_no_spectral_layout()
    {
        var rows = Enumerable.Range(0, 40).Select(i => new[] { i < 20 ? 0.0 + i * 0.01 : 100.0 + i * 0.01, 0 }).ToArray();
        var graph = FuzzySimplicialSet.Build(rows, 5);
        Assert.Equal(2, graph.ComponentCount());
        Assert.Null(SpectralLayout.Compute(graph));
    }

    [Fact]
    public void Umap_from_a_spectral_start_is_trustworthy_on_a_connected_table()
    {
        var table = ClassifierReferenceData.Table("breast_cancer.csv").WithoutColumns(["fold", "annotation"]);
        var features = FeatureMatrix.FromTable(table);
        var rows = Standardizer.Fit(features.Rows).Transform(features.Rows);
        Assert.Equal(1, FuzzySimplicialSet.Build(rows, 15).ComponentCount());
        var points = Umap.Embed(rows, new EmbeddingOptions());
        var t = Trustworthiness.Compute(rows, points, 5);
        Assert.True(t >= 0.9, $"trustworthiness {t:F4}");
    }
}

public class DegenerateEmbeddingTests
{
    public static TheoryData<EmbeddingMethod, int, int> Cases()
    {
        var data = new TheoryData<EmbeddingMethod, int, int>();
        foreach (var method in new[] { EmbeddingMethod.Pca, EmbeddingMethod.TSne, EmbeddingMethod.Umap })
            foreach (var (rows, features) in new[] { (1, 3), (2, 3), (5, 1), (40, 1) })
                data.Add(method, rows, features);
        return data;
    }

    /// <summary>Tiny tables, a single feature, constant or duplicated rows: finite coordinates, no exception.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void Small_or_degenerate_inputs_give_finite_coordinates(EmbeddingMethod method, int rows, int features)
    {
        var varied = Enumerable.Range(0, rows).Select(i => Enumerable.Range(0, features).Select(f => (double)((i * 7 + f) % 5)).ToArray()).ToArray();
        var constant = Enumerable.Range(0, rows).Select(_ => new double[features]).ToArray();
        foreach (var input in new[] { varied, constant })
        {
            var points = Embedding.Reduce(Standardizer.Fit(input).Transform(input), new EmbeddingOptions { Method = method, Epochs = 50, TSneIterations = 300 });
            Assert.Equal(rows, points.Length);
            Assert.All(points, p => Assert.True(p.Length == 2 && double.IsFinite(p[0]) && double.IsFinite(p[1])));
        }
    }
}
