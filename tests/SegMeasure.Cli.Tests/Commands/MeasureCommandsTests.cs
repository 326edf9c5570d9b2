using System.Globalization;
using SegMeasure.Core.Tables;

namespace SegMeasure.Cli.Tests.Commands;

/// <summary>The measure commands end to end: real TIFF files in, tables out, compared with the reference generator's tables.</summary>
public sealed class MeasureCommandsTests : IDisposable
{
    private static readonly string Repo = FindRepo();
    private readonly string _dir = Directory.CreateTempSubdirectory("segmeasure-measure-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string FindRepo() => TestRepository.Root;

    private static string Real(string relative) => Path.Combine(Repo, "tests/data/real", relative);

    private static string[][] Expected(string name) =>
        File.ReadAllLines(Path.Combine(Repo, "tests/reference/measurement/expected", name + ".csv")).Select(l => l.Split(',')).ToArray();

    private static void AssertSameTable(string[][] expected, MeasurementTable actual, IReadOnlyDictionary<string, double>? factors = null)
    {
        Assert.Equal(expected[0], actual.ColumnNames.ToArray());
        Assert.Equal(expected.Length - 1, actual.RowCount);
        for (int c = 0; c < expected[0].Length; c++)
        {
            var column = actual.Columns[c];
            for (int r = 0; r < actual.RowCount; r++)
            {
                var text = expected[r + 1][c];
                double want = text.Length == 0 ? double.NaN : double.Parse(text, CultureInfo.InvariantCulture);
                if (factors is not null && factors.TryGetValue(column.Name, out var factor)) want *= factor;
                double got = column.GetDouble(r);
                if (double.IsNaN(want)) Assert.True(double.IsNaN(got), $"{column.Name}[{r}] = {got}, expected NaN");
                else Assert.True(Math.Abs(got - want) <= 1e-9 * Math.Max(1, Math.Abs(want)), $"{column.Name}[{r}]: expected {want}, got {got}");
            }
        }
    }

    [Fact]
    public void Intensities_writes_the_reference_table()
    {
        var output = Path.Combine(_dir, "intensity.csv");
        var run = CliRun.App("measure", "intensities", "--segmentation", Real("stardist/dsb2018_mask2d.tif"),
            "--intensity", Real("stardist/dsb2018_img2d.tif"), "--output", output);
        Assert.Equal(0, run.ExitCode);
        AssertSameTable(Expected("real_dsb2018_intensity"), TableFile.Read(output));
    }

    [Fact]
    public void Cell_nucleus_with_intensity_writes_the_reference_table()
    {
        var output = Path.Combine(_dir, "cn.tsv");
        var smt = Real("segmentation-measurement-tool");
        var run = CliRun.App("measure", "cell-nucleus", "--cell-segmentation", Path.Combine(smt, "membrane-seg.tif"),
            "--nucleus-segmentation", Path.Combine(smt, "nucleus-seg.tif"), "--intensity", Path.Combine(smt, "nuclei.tif"),
            "--scale", "1.0", "--output", output);
        Assert.Equal(0, run.ExitCode);
        AssertSameTable(Expected("real_smt_cell_nucleus_intensity"), TableFile.Read(output));
    }

    [Fact]
    public void Morphology_takes_the_pixel_size_from_the_file_unless_scale_is_given()
    {
        // The MitoCheck labels carry an ImageJ calibration of 0.1 µm; the golden table is in pixels.
        var labels = Real("neubias/xy_8bit_labels__mitocheck_incenp_t1.tif");
        var expected = Expected("real_mitocheck_morphology");
        var calibrated = Path.Combine(_dir, "calibrated.csv");
        Assert.Equal(0, CliRun.App("measure", "morphology", "--segmentation", labels, "--output", calibrated).ExitCode);
        var lengths = new Dictionary<string, double>
        {
            ["area"] = 0.01, ["perimeter"] = 0.1, ["axis_major_length"] = 0.1, ["axis_minor_length"] = 0.1, ["equivalent_diameter"] = 0.1,
        };
        AssertSameTable(expected, TableFile.Read(calibrated), lengths);

        var pixels = Path.Combine(_dir, "pixels.csv");
        Assert.Equal(0, CliRun.App("measure", "morphology", "--segmentation", labels, "--scale", "1", "--output", pixels).ExitCode);
        AssertSameTable(expected, TableFile.Read(pixels));
    }

    [Fact]
    public void Mismatched_shapes_fail_with_one_line_naming_both_files()
    {
        var run = CliRun.App("measure", "intensities", "--segmentation", Real("stardist/tests_mask2d.tif"),
            "--intensity", Real("stardist/dsb2018_img2d.tif"), "--output", Path.Combine(_dir, "x.csv"));
        Assert.NotEqual(0, run.ExitCode);
        var line = Assert.Single(run.ErrorLines, l => l.Contains("shape"));
        Assert.Contains("tests_mask2d.tif", line);
        Assert.Contains("dsb2018_img2d.tif", line);
        Assert.Contains("(256, 256)", line);
        Assert.Contains("(512, 512)", line);
    }
}
