namespace SegMeasure.Cli.Tests.Commands;

/// <summary>OME-Zarr paths where the command line takes an image: measure over an HCS plate glob, info on a label image.</summary>
public sealed class ZarrInputTests : IDisposable
{
    private static readonly string Zarr = Path.Combine(FindRepo(), "tests", "reference", "zarr");
    private readonly string _dir = Directory.CreateTempSubdirectory("segmeasure-zarr-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string FindRepo() => TestRepository.Root;

    [Fact]
    public void Measure_takes_a_glob_over_plate_fields()
    {
        var output = Path.Combine(_dir, "plate.csv");
        var run = CliRun.App("measure", "morphology", "--segmentation", Path.Combine(Zarr, "plate.ome.zarr", "*", "*", "0"), "--output", output);
        Assert.True(run.ExitCode == 0, run.Error);
        var lines = File.ReadAllLines(output);
        Assert.StartsWith("segmentation,index,area", lines[0]);
        var fields = lines.Skip(1).Select(l => l.Split(',')[0]).Distinct().ToList();
        Assert.Equal(4, fields.Count);
        Assert.Contains(fields, f => f.EndsWith(Path.Combine("B", "2", "0"), StringComparison.Ordinal));
    }

    [Fact]
    public void Postprocess_reads_zarr_labels_and_writes_an_ome_zarr_output()
    {
        var image = Path.Combine(_dir, "copy.ome.zarr");
        foreach (var file in Directory.GetFiles(Path.Combine(Zarr, "nuclei_2d.ome.zarr"), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(image, Path.GetRelativePath(Path.Combine(Zarr, "nuclei_2d.ome.zarr"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var standalone = Path.Combine(_dir, "filtered.ome.zarr");
        var run = CliRun.App("postprocess", "filter-small-segments", "--input", Path.Combine(image, "labels", "nuclei"), "--output", standalone, "--min-size", "50");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.True(File.Exists(Path.Combine(standalone, ".zattrs")));
        var beside = Path.Combine(image, "labels", "filtered");
        run = CliRun.App("postprocess", "filter-small-segments", "--input", Path.Combine(image, "labels", "nuclei"), "--output", beside, "--min-size", "50");
        Assert.True(run.ExitCode == 0, run.Error);
        var info = CliRun.App("info", standalone, beside, "--json");
        Assert.True(info.ExitCode == 0, info.Error);
        run = CliRun.App("postprocess", "filter-small-segments", "--input", Path.Combine(image, "labels", "nuclei"), "--output", beside, "--min-size", "50");
        Assert.NotEqual(0, run.ExitCode); // exists, no --force
        Assert.Contains("--force", run.Error);
    }

    [Fact]
    public void Zarr_version_picks_the_format_of_a_standalone_output()
    {
        var input = Path.Combine(Zarr, "nuclei_2d.ome.zarr", "labels", "nuclei");
        var v3 = Path.Combine(_dir, "filtered-v3.ome.zarr");
        var run = CliRun.App("postprocess", "filter-small-segments", "--input", input, "--output", v3, "--min-size", "50", "--zarr-version", "3");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.True(File.Exists(Path.Combine(v3, "zarr.json")));
        Assert.False(File.Exists(Path.Combine(v3, ".zattrs")));
        var v2 = Path.Combine(_dir, "filtered-v2.ome.zarr");
        Assert.Equal(0, CliRun.App("postprocess", "filter-small-segments", "--input", input, "--output", v2, "--min-size", "50").ExitCode);
        Assert.Equal(File.ReadAllText(Table(v2)), File.ReadAllText(Table(v3)));

        run = CliRun.App("postprocess", "filter-small-segments", "--input", input, "--output", Path.Combine(_dir, "x.ome.zarr"), "--min-size", "50", "--zarr-version", "4");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--zarr-version", run.Error);
        Assert.False(Directory.Exists(Path.Combine(_dir, "x.ome.zarr")));
    }

    /// <summary>The morphology table of a label image, written to a CSV beside the temporary folder's other files.</summary>
    private string Table(string labels)
    {
        var csv = Path.Combine(_dir, Path.GetFileName(labels) + ".csv");
        var run = CliRun.App("measure", "morphology", "--segmentation", labels, "--output", csv);
        Assert.True(run.ExitCode == 0, run.Error);
        return csv;
    }

    [Fact]
    public void Info_describes_a_label_image_and_a_level()
    {
        var run = CliRun.App("info", Path.Combine(Zarr, "nuclei_2d.ome.zarr", "labels", "nuclei"), Path.Combine(Zarr, "nuclei_3d_v3.ome.zarr", "1"), "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("\"YX\"", run.Output);
        Assert.Contains("\"ZYX\"", run.Output);
    }

    [Fact]
    public void A_vendor_file_is_named_with_its_conversion()
    {
        var nd2 = Path.Combine(_dir, "scan.nd2");
        File.WriteAllBytes(nd2, [0xDA, 0xCE, 0xBE, 0x0A, 0, 0, 0, 0, 0, 0, 0, 0]);
        var run = CliRun.App("measure", "morphology", "--segmentation", nd2, "--output", Path.Combine(_dir, "x.csv"));
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("Nikon ND2", run.Error);
        Assert.Contains("bfconvert", run.Error);
    }
}
