using System.Text.Json;
using SegMeasure.Core.Tables;

namespace SegMeasure.Cli.Tests.Sweeps;

/// <summary>A sweep over real label images laid out as a plate: equal file names in different wells, one corrupt file.</summary>
public class TiffSweepTests : IDisposable
{
    private static readonly string RepoRoot = FindRepoRoot();
    private readonly string _root = Directory.CreateTempSubdirectory("segmeasure-tiffsweep-").FullName.Replace('\\', '/');

    // Well → source file under tests/data (the corrupt one is a truncated TIFF from the conformance set).
    private static readonly (string Well, string Source)[] Plate =
    [
        ("well_a", "real/stardist/tests_mask2d.tif"),
        ("well_b", "real/bioimageanalysisnotebooks/blobs_labels_skimage.tif"),
        ("well_c", "tiff-conformance/malformed_truncated_pixeldata.tif"),
        ("well_d/day2", "real/stardist/dsb2018_mask2d.tif"),
    ];

    public TiffSweepTests()
    {
        foreach (var (well, source) in Plate)
        {
            Directory.CreateDirectory($"{_root}/plate/{well}");
            File.Copy(Path.Combine(RepoRoot, "tests", "data", source), $"{_root}/plate/{well}/seg.tif");
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static string FindRepoRoot() => TestRepository.Root;

    /// <summary>Distinct non-zero labels per file, from tifffile/numpy (tests/data/real-expected.json).</summary>
    private static int ExpectedLabels(string source)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoRoot, "tests", "data", "real-expected.json")));
        return json.RootElement.GetProperty("files").EnumerateArray()
            .Single(f => f.GetProperty("file").GetString() == source).GetProperty("n_labels_nonzero").GetInt32();
    }

    [Fact]
    public void Combined_table_has_every_good_file_in_sorted_order_and_the_corrupt_one_is_reported()
    {
        var run = CliRun.Of(ExampleCommands.LabelSizes(), "label-sizes", "--segmentation", $"{_root}/plate/**/seg.tif", "--output", $"{_root}/all.xlsx", "-j", "2");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(2, run.ErrorLines.Length);
        Assert.Contains($"{_root}/plate/well_c/seg.tif", run.ErrorLines[0]);
        Assert.Equal("segmeasure: 3 of 4 files processed, 1 failed", run.ErrorLines[1]);

        var table = TableFile.Read($"{_root}/all.xlsx");
        Assert.Equal(["segmentation", "index", "pixels"], table.ColumnNames);
        var sources = ((TextColumn)table["segmentation"]).Values;
        Assert.Equal([$"{_root}/plate/well_a/seg.tif", $"{_root}/plate/well_b/seg.tif", $"{_root}/plate/well_d/day2/seg.tif"], sources.Distinct());
        foreach (var (well, source) in Plate.Where(p => p.Well != "well_c"))
            Assert.Equal(ExpectedLabels(source), sources.Count(s => s == $"{_root}/plate/{well}/seg.tif"));
    }

    [Fact]
    public void Output_dir_keeps_equal_names_apart_and_matches_single_file_runs()
    {
        var run = CliRun.Of(ExampleCommands.LabelSizes(), "label-sizes", "--segmentation", $"{_root}/plate/**/seg.tif", "--output-dir", $"{_root}/out");
        Assert.Equal(1, run.ExitCode);
        Assert.False(File.Exists($"{_root}/out/well_c/seg.csv"));
        foreach (var (well, _) in Plate.Where(p => p.Well != "well_c"))
        {
            var single = CliRun.Of(ExampleCommands.LabelSizes(), "label-sizes", "--segmentation", $"{_root}/plate/{well}/seg.tif", "--output", $"{_root}/{well.Replace('/', '_')}.csv");
            Assert.Equal(0, single.ExitCode);
            Assert.Equal(File.ReadAllText($"{_root}/{well.Replace('/', '_')}.csv"), File.ReadAllText($"{_root}/out/{well}/seg.csv"));
        }
    }
}
