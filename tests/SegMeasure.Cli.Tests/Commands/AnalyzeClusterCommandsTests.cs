using SegMeasure.Core.Images;
using SegMeasure.Core.Tables;
using SegMeasure.Core.Tiff;

namespace SegMeasure.Cli.Tests.Commands;

public sealed class AnalyzeClusterCommandsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("segmeasure-analyze-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string In(string name) => Path.Combine(_dir, name);

    /// <summary>Two well-separated groups of segments 1–6 and 7–12, plus segment 13 with a missing and 14 with an infinite feature.</summary>
    private string WriteTable()
    {
        var area = new double[] { 10, 11, 12, 10, 11, 12, 100, 101, 102, 100, 101, 102, double.NaN, 50 };
        var mean = new double[] { 1, 1.1, 0.9, 1, 1.2, 0.8, 9, 9.1, 8.9, 9, 9.2, 8.8, 5, double.PositiveInfinity };
        var table = new MeasurementTable([
            new IntegerColumn("index", Enumerable.Range(1, area.Length).Select(i => (long)i)),
            new DoubleColumn("area", area),
            new DoubleColumn("mean_intensity", mean),
        ]);
        var path = In("table.csv");
        TableFile.Write(path, table);
        return path;
    }

    private string WriteSegmentation()
    {
        // A 2×16 image: segment i covers column i (ids 1…14), then background.
        var data = new uint[32];
        for (int x = 0; x < 14; x++) data[x] = data[16 + x] = (uint)(x + 1);
        var path = In("seg.tif");
        ImageFile.WriteLabels(path, new LabelImage(data, ImageShape.Of2D(2, 16), storedType: PixelType.UInt16), new TiffWriteOptions { LabelType = PixelType.UInt16 });
        return path;
    }

    private static long?[] Ids(string path, string column) => ((IntegerColumn)TableFile.Read(path)[column]).Values.ToArray();

    [Fact]
    public void Cluster_adds_one_based_ids_and_sets_aside_rows_with_missing_or_infinite_features()
    {
        var run = CliRun.App("analyze", "cluster", "--table", WriteTable(), "--n-clusters", "2", "--output", In("out.csv"));
        Assert.Equal(0, run.ExitCode);
        var ids = Ids(In("out.csv"), "cluster_id");
        Assert.Equal(1, ids[0]);
        Assert.All(ids.Take(6), id => Assert.Equal(1, id));
        Assert.All(ids.Skip(6).Take(6), id => Assert.Equal(2, id));
        Assert.Equal(-1, ids[12]);
        Assert.Equal(-1, ids[13]);
        Assert.Contains("1 with a missing (NaN) feature, 1 with an infinite feature", run.Error);
    }

    [Fact]
    public void Cluster_paints_the_segmentation_in_its_label_type_with_noise_as_background()
    {
        var seg = WriteSegmentation();
        var run = CliRun.App("analyze", "cluster", "--table", WriteTable(), "--method", "dbscan", "--eps", "0.5", "--min-samples", "3",
            "--output", In("out.csv"), "--segmentation", seg, "--output-segmentation", In("clusters.tif"));
        Assert.Equal(0, run.ExitCode);
        var painted = ImageFile.ReadLabels(In("clusters.tif"));
        Assert.Equal(PixelType.UInt16, painted.StoredType);
        Assert.Equal(new uint[] { 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0 }, painted.Data.Take(16).ToArray());
    }

    [Fact]
    public void Output_segmentation_without_segmentation_is_an_error()
    {
        var run = CliRun.App("analyze", "cluster", "--table", WriteTable(), "--output", In("out.csv"), "--output-segmentation", In("c.tif"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--segmentation", run.Error);
        Assert.False(File.Exists(In("out.csv")));
    }

    [Fact]
    public void Existing_output_is_kept_without_force()
    {
        var table = WriteTable();
        File.WriteAllText(In("out.csv"), "keep me");
        var run = CliRun.App("analyze", "cluster", "--table", table, "--output", In("out.csv"));
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("keep me", File.ReadAllText(In("out.csv")));
        Assert.Equal(0, CliRun.App("analyze", "cluster", "--table", table, "--output", In("out.csv"), "--force").ExitCode);
    }

    [Fact]
    public void Unknown_method_is_rejected()
    {
        var run = CliRun.App("analyze", "cluster", "--table", WriteTable(), "--method", "spectral", "--output", In("out.csv"));
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("spectral", run.Error);
    }

    [Fact]
    public void Threshold_with_explicit_thresholds_and_names()
    {
        var seg = WriteSegmentation();
        var run = CliRun.App("analyze", "threshold", "--table", WriteTable(), "--column", "area", "--n-categories", "3",
            "--thresholds", "100", "50", "--category-names", "small", "medium", "large", "--output", In("out.csv"),
            "--segmentation", seg, "--output-segmentation", In("categories.tif"));
        Assert.Equal(0, run.ExitCode);
        var ids = Ids(In("out.csv"), "category_id");
        // 100 equals a threshold: it goes up to "large"; the missing area gets 0.
        Assert.Equal(new long?[] { 1, 1, 1, 1, 1, 1, 3, 3, 3, 3, 3, 3, 0, 2 }, ids);
        var names = ((TextColumn)TableFile.Read(In("out.csv"))["category_name"]).Values;
        Assert.Equal("large", names[6]);
        Assert.True(string.IsNullOrEmpty(names[12]));
        var painted = ImageFile.ReadLabels(In("categories.tif"));
        Assert.Equal(new uint[] { 1, 1, 1, 1, 1, 1, 3, 3, 3, 3, 3, 3, 0, 2, 0, 0 }, painted.Data.Take(16).ToArray());
    }

    [Fact]
    public void Threshold_suggests_quantiles_when_none_are_given()
    {
        var run = CliRun.App("analyze", "threshold", "--table", WriteTable(), "--column", "area", "--n-categories", "2", "--output", In("out.csv"));
        Assert.Equal(0, run.ExitCode);
        // numpy.percentile of the 13 non-missing areas at 50 % is their median, 50.
        Assert.Contains("thresholds: 50\n", run.Output.Replace("\r", ""));
    }

    [Fact]
    public void Threshold_rejects_a_wrong_number_of_names_or_thresholds()
    {
        var table = WriteTable();
        var names = CliRun.App("analyze", "threshold", "--table", table, "--column", "area", "--n-categories", "2", "--category-names", "a", "b", "c", "--output", In("a.csv"));
        Assert.Equal(1, names.ExitCode);
        Assert.Contains("expected 2 category names", names.Error);
        var thresholds = CliRun.App("analyze", "threshold", "--table", table, "--column", "area", "--n-categories", "3", "--thresholds", "5", "--output", In("b.csv"));
        Assert.Equal(1, thresholds.ExitCode);
        Assert.Contains("need 2 threshold(s)", thresholds.Error);
    }

    [Theory]
    [InlineData("kmeans", "3 cluster(s), 0 noise")]
    [InlineData("hdbscan", "cluster(s)")]
    [InlineData("mean_shift", "bandwidth")]
    [InlineData("ward", "inertia")]
    public void Every_method_runs_with_its_defaults(string method, string expected)
    {
        var run = CliRun.App("analyze", "cluster", "--table", WriteTable(), "--method", method, "--output", In("out.tsv"));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains(expected, run.Output);
        var ids = Ids(In("out.tsv"), "cluster_id");
        Assert.Equal(14, ids.Length);
        Assert.Equal(-1, ids[12]);
    }
}
