using System.Security.Cryptography;
using SegMeasure.Core.Images;
using SegMeasure.Core.Postprocessing;
using SegMeasure.Core.Tables;

namespace SegMeasure.Cli.Tests.Commands;

public sealed class PostprocessCommandsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("segmeasure-postprocess-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Real(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SegMeasure.PowerShell.sln"))) dir = dir.Parent;
        return Path.Combine(dir!.FullName, "tests", "data", "real", relative);
    }

    private string Out(string name) => Path.Combine(_dir, name);

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public void Filter_small_segments_writes_the_input_type_and_leaves_the_input_alone()
    {
        var input = Real("stardist/dsb2018_mask2d.tif");
        var before = Hash(input);
        var run = CliRun.App("postprocess", "filter-small-segments", "--input", input, "--output", Out("f.tif"), "--min-size", "150");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(before, Hash(input));
        var written = ImageFile.ReadLabels(Out("f.tif"));
        var original = ImageFile.ReadLabels(input);
        Assert.Equal(original.StoredType, written.StoredType);
        Assert.Equal(SmallSegmentFilter.Apply(original, 150).Image.Data, written.Data);
        Assert.Contains("125 -> 113 segments", run.Output);
    }

    [Fact]
    public void An_existing_output_is_refused_without_force_and_replaced_with_it()
    {
        var input = Real("stardist/tests_mask2d.tif");
        File.WriteAllText(Out("h.tif"), "keep me");
        var refused = CliRun.App("postprocess", "remove-small-holes", "--input", input, "--output", Out("h.tif"), "--max-hole-size", "10");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("already exists", refused.Error);
        Assert.Equal("keep me", File.ReadAllText(Out("h.tif")));
        var forced = CliRun.App("postprocess", "remove-small-holes", "--input", input, "--output", Out("h.tif"), "--max-hole-size", "10", "--force");
        Assert.True(forced.ExitCode == 0, forced.Error);
        Assert.Equal(HoleFilling.Apply(ImageFile.ReadLabels(input), 10).Image.Data, ImageFile.ReadLabels(Out("h.tif")).Data);
    }

    [Fact]
    public void Ring_mask_needs_exactly_one_of_width_and_nearest_distance()
    {
        var input = Real("segmentation-measurement-tool/nucleus-seg.tif");
        Assert.NotEqual(0, CliRun.App("postprocess", "ring-mask", "--input", input, "--output", Out("r.tif")).ExitCode);
        Assert.NotEqual(0, CliRun.App("postprocess", "ring-mask", "--input", input, "--output", Out("r.tif"), "--ring-width", "3", "--nearest-distance", "2").ExitCode);
        var run = CliRun.App("postprocess", "ring-mask", "--input", input, "--output", Out("r.tif"), "--ring-width", "5", "--remove-original");
        Assert.True(run.ExitCode == 0, run.Error);
        var original = ImageFile.ReadLabels(input);
        var rings = ImageFile.ReadLabels(Out("r.tif"));
        Assert.Equal(RingMask.Apply(original, 5, keepOriginal: false).Image.Data, rings.Data);
        Assert.Equal(PixelType.Int64, rings.StoredType);
    }

    [Fact]
    public void Watershed_pairs_heatmap_and_mask_and_sweeps_write_one_output_per_input()
    {
        var seeds = Real("stardist/tests_mask2d.tif");
        var heat = Real("stardist/tests_img2d.tif");
        var run = CliRun.App("postprocess", "watershed", "--input", seeds, "--heatmap", heat, "--mask", heat, "--output", Out("w.tif"));
        Assert.True(run.ExitCode == 0, run.Error);
        var expected = Watershed.Apply(ImageFile.ReadLabels(seeds), ImageFile.ReadIntensity(heat), ImageFile.ReadIntensity(heat)).Image.Data;
        Assert.Equal(expected, ImageFile.ReadLabels(Out("w.tif")).Data);

        var pattern = Path.Combine(Path.GetDirectoryName(Real("stardist/x"))!, "*_mask2d.tif");
        var sweep = CliRun.App("postprocess", "filter-small-segments", "--input", pattern, "--output-dir", Out("sweep"), "--min-size", "50", "--jobs", "2");
        Assert.True(sweep.ExitCode == 0, sweep.Error);
        Assert.True(File.Exists(Out("sweep/dsb2018_mask2d.tif")));
        Assert.True(File.Exists(Out("sweep/tests_mask2d.tif")));
        Assert.Equal(2, sweep.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Mismatched_heatmap_is_one_clear_line_naming_the_files()
    {
        var run = CliRun.App("postprocess", "watershed", "--input", Real("stardist/tests_mask2d.tif"), "--heatmap", Real("stardist/dsb2018_img2d.tif"), "--output", Out("bad.tif"));
        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("dsb2018_img2d.tif", line);
        Assert.Contains("tests_mask2d.tif", line);
        Assert.False(File.Exists(Out("bad.tif")));
    }

    [Fact]
    public void Match_masks_writes_both_masks_with_shared_ids_and_a_report()
    {
        var cells = Real("segmentation-measurement-tool/membrane-seg.tif");
        var nuclei = Real("segmentation-measurement-tool/nucleus-seg.tif");
        var run = CliRun.App("postprocess", "match-masks", "--cytosol", cells, "--nuclei", nuclei, "--output", Out("cells.tif"), "--report");
        Assert.True(run.ExitCode == 0, run.Error);
        var c = ImageFile.ReadLabels(Out("cells.tif"));
        var n = ImageFile.ReadLabels(Out("cells_nuclei.tif"));
        var cellIds = c.Data.Where(v => v != 0).Distinct().Order().ToArray();
        Assert.Equal(cellIds, n.Data.Where(v => v != 0).Distinct().Order().ToArray());
        Assert.Equal(Enumerable.Range(1, cellIds.Length).Select(i => (uint)i), cellIds);
        // At least 95 % of every kept nucleus lies in the cell of the same id.
        foreach (var id in cellIds)
        {
            var voxels = Enumerable.Range(0, n.Data.Length).Where(i => n.Data[i] == id).ToArray();
            Assert.True(voxels.Count(i => c.Data[i] == id) >= 0.95 * voxels.Length, $"nucleus {id}");
        }
        var report = TableFile.Read(Out("cells_rejections.csv"));
        Assert.Equal(["mask", "label", "reason", "size", "overlap_fraction", "cytosol_label", "matched_nuclei"], report.ColumnNames);
        Assert.Equal(38 - cellIds.Length, Enumerable.Range(0, report.RowCount).Count(r => (string?)report["mask"].GetValue(r) == "cytosol"));
    }

    [Fact]
    public void Shape_filter_reads_features_from_a_table_file()
    {
        var seg = Real("stardist/tests_mask2d.tif");
        var labels = ImageFile.ReadLabels(seg);
        var ids = labels.Data.Where(v => v != 0).Distinct().Order().ToArray();
        // Hand-made features: every segment ordinary except the first (tiny area) and the last (concave).
        var n = ids.Length;
        var table = new MeasurementTable([
            new IntegerColumn("index", ids.Select(v => (long)v)),
            new DoubleColumn("area", ids.Select((_, k) => k == 0 ? 10.0 : 300.0).ToArray()),
            new DoubleColumn("perimeter", Enumerable.Repeat(60.0, n).ToArray()),
            new DoubleColumn("eccentricity", Enumerable.Repeat(0.5, n).ToArray()),
            new DoubleColumn("solidity", ids.Select((_, k) => k == n - 1 ? 0.6 : 0.95).ToArray()),
            new DoubleColumn("extent", Enumerable.Repeat(0.7, n).ToArray()),
        ]);
        TableFile.Write(Out("features.csv"), table, overwrite: false);
        var run = CliRun.App("postprocess", "shape-filter", "--input", seg, "--features", Out("features.csv"), "--output", Out("s.tif"), "--report");
        Assert.True(run.ExitCode == 0, run.Error);
        var kept = ImageFile.ReadLabels(Out("s.tif")).Data.Where(v => v != 0).Distinct().Count();
        Assert.Equal(n - 2, kept);
        var report = TableFile.Read(Out("s_rejections.csv"));
        Assert.Equal(2, report.RowCount);
        Assert.Contains("area_below_min 1", run.Output);
        Assert.Contains("convexity_deficit_above_max 1", run.Output);
    }

    [Fact]
    public void Shape_filter_measures_the_features_itself_when_no_table_is_given()
    {
        var seg = Real("bioimageanalysisnotebooks/blobs_labeled.tif");
        var run = CliRun.App("postprocess", "shape-filter", "--input", seg, "--output", Out("blobs.tif"));
        Assert.True(run.ExitCode == 0, run.Error);
        var expected = ShapeFilter.Apply(ImageFile.ReadLabels(seg)).Image.Data;
        Assert.Equal(expected, ImageFile.ReadLabels(Out("blobs.tif")).Data);
        Assert.Contains("segments", run.Output);
    }
}
