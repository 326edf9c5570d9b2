using System.Security.Cryptography;
using SegMeasure.Core.Images;
using SegMeasure.Core.Postprocessing;
using SegMeasure.Core.Tables;

namespace SegMeasure.Cli.Tests.Commands;

public sealed class PostprocessCommandsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("segmeasure-postprocess-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Real(string relative) => TestRepository.PathOf("tests", "data", "real", relative);

    private string Out(string name) => Path.Combine(_dir, name);

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    private const int H = 30, W = 40;

    private static void Fill(uint[] image, uint id, int y0, int y1, int x0, int x1)
    {
        for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++)
            image[y * W + x] = id;
    }

    private string WriteLabels(string name, uint[] data)
    {
        ImageFile.WriteLabels(Out(name), new LabelImage(data, ImageShape.Of2D(H, W), storedType: PixelType.UInt16));
        return Out(name);
    }

    /// <summary>Segment 1: 10 pixels; segment 2: 11 pixels.</summary>
    private string TenAndEleven()
    {
        var data = new uint[H * W];
        Fill(data, 1, 1, 2, 0, 10);
        Fill(data, 2, 5, 6, 0, 11);
        return WriteLabels("ten-and-eleven.tif", data);
    }

    private static long[] Sizes(string path) =>
        ImageFile.ReadLabels(path).Data.Where(v => v != 0).GroupBy(v => v).Select(g => (long)g.Count()).Order().ToArray();

    /// <summary>Cytosol 10 (150 px) holds nucleus 1 (10 px); cytosol 20 (151 px) holds nucleus 2 (11 px).</summary>
    [Theory]
    [InlineData("--nucleus-max-size", "10.5", "cells_nuclei.tif", 10)]
    [InlineData("--nucleus-min-size", "10.5", "cells_nuclei.tif", 11)]
    [InlineData("--cytosol-max-size", "150.5", "cells.tif", 150)]
    [InlineData("--cytosol-min-size", "150.5", "cells.tif", 151)]
    public void Match_masks_keeps_sizes_within_fractional_limits_in_both_directions(string flag, string limit, string output, long keptSize)
    {
        var nuclei = new uint[H * W];
        var cytosol = new uint[H * W];
        Fill(cytosol, 10, 0, 10, 0, 15);
        Fill(cytosol, 20, 12, 22, 0, 15);
        cytosol[22 * W] = 20;
        Fill(nuclei, 1, 2, 3, 0, 10);
        Fill(nuclei, 2, 14, 15, 0, 11);
        var run = CliRun.App("postprocess", "match-masks", "--cytosol", WriteLabels("c.tif", cytosol), "--nuclei", WriteLabels("n.tif", nuclei),
            "--output", Out("cells.tif"), flag, limit);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal([keptSize], Sizes(Out(output)));
    }

    [Theory]
    [InlineData("10.5", new long[] { 11 })]
    [InlineData("9.5", new long[] { 10, 11 })]
    public void Filter_small_segments_takes_a_fractional_minimum(string minSize, long[] kept)
    {
        var run = CliRun.App("postprocess", "filter-small-segments", "--input", TenAndEleven(), "--output", Out("f.tif"), "--min-size", minSize);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(kept, Sizes(Out("f.tif")));
    }

    [Theory]
    [InlineData("10.5", 10)]
    [InlineData("11.5", 21)]
    public void Remove_small_holes_takes_a_fractional_maximum(string maxHoleSize, int filled)
    {
        var data = new uint[H * W];
        Fill(data, 5, 15, H, 0, W);
        Fill(data, 0, 20, 21, 2, 12);
        Fill(data, 0, 25, 26, 2, 13);
        var run = CliRun.App("postprocess", "remove-small-holes", "--input", WriteLabels("holes.tif", data), "--output", Out("h.tif"), "--max-hole-size", maxHoleSize);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(filled, ImageFile.ReadLabels(Out("h.tif")).Data.Count(v => v == 5) - data.Count(v => v == 5));
    }

    [Theory]
    [InlineData("--min-absolute-area", "10.5", 11)]
    [InlineData("--max-area", "10.5", 10)]
    public void Shape_filter_takes_fractional_area_limits_in_both_directions(string flag, string limit, long kept)
    {
        var args = new List<string> { "postprocess", "shape-filter", "--input", TenAndEleven(), "--output", Out("s.tif"), "--min-area", "none", flag, limit };
        if (flag != "--min-absolute-area") args.AddRange(["--min-absolute-area", "0"]);
        var run = CliRun.App([.. args]);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal([kept], Sizes(Out("s.tif")));
    }

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
