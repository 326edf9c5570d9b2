using SegMeasure.Core.Images;
using SegMeasure.Core.Tables;

namespace SegMeasure.Cli.Tests.Sweeps;

/// <summary>Manifests instead of sorted-position pairing: items listed with their roles, extra columns carried into the rows.</summary>
public sealed class ManifestTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("segmeasure-manifest-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Repo() => TestRepository.Root;

    /// <summary>A plate folder with two wells whose files would pair wrongly by sorted position, and a manifest that pairs them right.</summary>
    private string MakePlate(string manifestName = "manifest.csv")
    {
        var data = Path.Combine(Repo(), "examples", "data");
        var plate = Directory.CreateDirectory(Path.Combine(_dir, "plate1")).FullName;
        File.Copy(Path.Combine(data, "membrane-seg.tif"), Path.Combine(plate, "b-cells.tif"));
        File.Copy(Path.Combine(data, "membrane.tif"), Path.Combine(plate, "a-raw-of-b.tif"));
        File.Copy(Path.Combine(data, "nucleus-seg.tif"), Path.Combine(plate, "a-cells.tif"));
        File.Copy(Path.Combine(data, "nuclei.tif"), Path.Combine(plate, "b-raw-of-a.tif"));
        var manifest = Path.Combine(_dir, manifestName);
        if (manifestName.EndsWith(".json"))
            File.WriteAllText(manifest, """
                {"items": [
                  {"segmentation": "plate1/b-cells.tif", "intensity_image": "plate1/a-raw-of-b.tif", "plate": "P1", "well": "B01", "timepoint": 3},
                  {"segmentation": "plate1/a-cells.tif", "intensity_image": "plate1/b-raw-of-a.tif", "plate": "P1", "well": "A01", "timepoint": 4}
                ]}
                """);
        else
            File.WriteAllText(manifest, """
                segmentation,intensity_image,plate,well,timepoint
                plate1/b-cells.tif,plate1/a-raw-of-b.tif,P1,B01,3
                plate1/a-cells.tif,plate1/b-raw-of-a.tif,P1,A01,4

                """);
        return manifest;
    }

    private string Out(string name) => Path.Combine(_dir, name);

    [Theory]
    [InlineData("manifest.csv")]
    [InlineData("manifest.json")]
    public void Measure_pairs_by_manifest_rows_and_carries_their_columns_typed(string name)
    {
        var manifest = MakePlate(name);
        var run = CliRun.App("measure", "intensities", "--manifest", manifest, "--output", Out("all.csv"));
        Assert.True(run.ExitCode == 0, run.Error);
        var all = TableFile.Read(Out("all.csv"));
        Assert.Equal(["segmentation", "plate", "well", "timepoint", "index", "mean_intensity"], all.ColumnNames.Take(6));
        Assert.Equal(ColumnKind.Integer, all["timepoint"].Kind);

        // Each item's rows are the single-pair measurement of exactly its files, in manifest order.
        Assert.Equal(0, CliRun.App("measure", "intensities", "--segmentation", Path.Combine(_dir, "plate1/b-cells.tif"), "--intensity", Path.Combine(_dir, "plate1/a-raw-of-b.tif"), "--output", Out("b.csv")).ExitCode);
        var b = TableFile.Read(Out("b.csv"));
        var items = (TextColumn)all["segmentation"];
        var bRows = Enumerable.Range(0, all.RowCount).Where(r => items[r] == "plate1/b-cells.tif").ToList();
        Assert.Equal(Enumerable.Range(0, b.RowCount), bRows);
        Assert.Equal(((DoubleColumn)b["mean_intensity"]).Values, bRows.Select(r => all["mean_intensity"].GetDouble(r)));
        Assert.All(bRows, r => Assert.Equal("B01", ((TextColumn)all["well"])[r]));
        Assert.All(bRows, r => Assert.Equal(3L, ((IntegerColumn)all["timepoint"])[r]));
    }

    [Fact]
    public void Shards_split_manifest_rows()
    {
        var manifest = MakePlate();
        Assert.Equal(0, CliRun.App("measure", "morphology", "--manifest", manifest, "--output", Out("whole.csv")).ExitCode);
        for (int i = 0; i < 2; i++) Assert.Equal(0, CliRun.App("measure", "morphology", "--manifest", manifest, "--shard", $"{i}/2", "--output", Out($"s{i}.csv")).ExitCode);
        Assert.Equal(0, CliRun.App("table", "concat", "--inputs", Out("s0.csv"), Out("s1.csv"), "--output", Out("joined.csv")).ExitCode);
        Assert.Equal(File.ReadAllText(Out("whole.csv")), File.ReadAllText(Out("joined.csv")));
        Assert.Contains("well", File.ReadLines(Out("s1.csv")).First());
    }

    [Theory]
    [InlineData("plate,well\nP1,A01\n", "no 'segmentation' column")]
    [InlineData("segmentation,well\nplate1/missing.tif,A01\n", "row 1: segmentation plate1/missing.tif: no such file")]
    [InlineData("segmentation,well\nplate1/a-cells.tif,A01\nplate1/a-cells.tif,A02\n", "rows 1 and 2 name the same segmentation")]
    [InlineData("segmentation,well\nplate1/a-cells.tif,A01\n", "no 'intensity_image' column")]
    public void A_bad_manifest_is_an_error_naming_it_and_the_problem(string content, string problem)
    {
        MakePlate();
        var manifest = Out("bad.csv");
        File.WriteAllText(manifest, content);
        var run = CliRun.App("measure", "intensities", "--manifest", manifest, "--output", Out("x.csv"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(manifest, run.Error);
        Assert.Contains(problem, run.Error);
        Assert.False(File.Exists(Out("x.csv")));
    }

    [Fact]
    public void Analysis_over_a_manifest_clusters_all_items_together_and_paints_each_item()
    {
        var manifest = MakePlate();
        Assert.Equal(0, CliRun.App("measure", "morphology", "--manifest", manifest, "--output", Out("morph.csv")).ExitCode);
        var run = CliRun.App("analyze", "cluster", "--table", Out("morph.csv"), "--manifest", manifest, "--n-clusters", "3",
            "--output", Out("clusters.csv"), "--output-segmentation", Out("clusters.tif"));
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("7 feature(s)", run.Output); // the manifest's timepoint is not a feature
        var result = TableFile.Read(Out("clusters.csv"));
        Assert.Equal(["segmentation", "plate", "well", "timepoint", "index"], result.ColumnNames.Take(5));

        foreach (var (item, painted) in new[] { ("plate1/b-cells.tif", "clusters_plate1_b-cells.tif"), ("plate1/a-cells.tif", "clusters_plate1_a-cells.tif") })
        {
            var labels = ImageFile.ReadLabels(Path.Combine(_dir, item));
            var image = ImageFile.ReadLabels(Out(painted));
            var items = (TextColumn)result["segmentation"];
            var clusterOf = Enumerable.Range(0, result.RowCount).Where(r => items[r] == item)
                .ToDictionary(r => (uint)((IntegerColumn)result["index"])[r]!.Value, r => (uint)((IntegerColumn)result["cluster_id"])[r]!.Value);
            for (int i = 0; i < labels.Data.Length; i++)
                Assert.Equal(labels.Data[i] == 0 ? 0u : clusterOf[labels.Data[i]], image.Data[i]);
        }
    }
}

/// <summary>Whole-image steps refuse images over their memory limit before reading them, naming the limit and the option.</summary>
public sealed class WholeImageLimitTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("segmeasure-limit-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Data(string name) => TestRepository.Example(name);

    [Theory]
    [InlineData("remove-small-holes", "hole filling", new[] { "--max-hole-size", "20" })]
    [InlineData("watershed", "watershed", new[] { "--heatmap", "HEATMAP" })]
    public void An_image_over_the_limit_is_refused_naming_the_limit_and_the_option(string command, string step, string[] extra)
    {
        var arguments = extra.Select(a => a == "HEATMAP" ? Data("nuclei.tif") : a).ToArray();
        var output = Path.Combine(_dir, "out.tif");
        // 256 x 256 pixels need a few MB: a limit of 0.001 GB (1 MB) refuses them.
        var refused = CliRun.App(["postprocess", command, "--input", Data("nucleus-seg.tif"), .. arguments, "--output", output, "--memory-limit", "0.001"]);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"{step} works on the whole image at once", refused.Error);
        Assert.Contains("over the memory limit of 0.0 GB", refused.Error);
        Assert.Contains("--memory-limit", refused.Error);
        Assert.False(File.Exists(output));

        var allowed = CliRun.App(["postprocess", command, "--input", Data("nucleus-seg.tif"), .. arguments, "--output", output]);
        Assert.True(allowed.ExitCode == 0, allowed.Error);
    }
}
