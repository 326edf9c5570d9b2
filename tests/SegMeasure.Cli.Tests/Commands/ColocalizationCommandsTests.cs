using System.Globalization;
using SegMeasure.Core.Tables;

namespace SegMeasure.Cli.Tests.Commands;

/// <summary>
/// <c>measure colocalization</c>, <c>measure coloc-objects</c> and <c>analyze coloc-diagnostics</c>
/// end to end: TIFF files in, tables (and PNG plots) out, checked against the reference tables.
/// </summary>
public sealed class ColocalizationCommandsTests : IDisposable
{
    private static readonly string Repo = FindRepo();
    private readonly string _dir = Directory.CreateTempSubdirectory("segmeasure-coloc-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string FindRepo() => TestRepository.Root;

    private static string Input(string name) => Path.Combine(Repo, "tests/reference/colocalization/inputs", name);

    private static string[][] Reference(string name) =>
        File.ReadAllLines(Path.Combine(Repo, "tests/reference/colocalization", name + ".csv")).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();

    private string Out(string name) => Path.Combine(_dir, name);

    private static void AssertMatches(string[][] expected, MeasurementTable actual)
    {
        Assert.Equal(expected[0], actual.ColumnNames.ToArray());
        Assert.Equal(expected.Length - 1, actual.RowCount);
        for (int c = 0; c < expected[0].Length; c++)
        {
            var column = actual.Columns[c];
            for (int r = 0; r < actual.RowCount; r++)
            {
                var text = expected[r + 1][c];
                if (column.Kind == ColumnKind.Text)
                {
                    Assert.Equal(text, column.GetValue(r));
                    continue;
                }

                double want = text.Length == 0 ? double.NaN : double.Parse(text, CultureInfo.InvariantCulture), got = column.GetDouble(r);
                if (double.IsNaN(want)) Assert.True(double.IsNaN(got), $"{column.Name}[{r}] = {got}, expected NaN");
                else Assert.True(Math.Abs(got - want) <= 1e-7 * Math.Abs(want) || Math.Abs(got - want) <= 1e-15, $"{column.Name}[{r}]: expected {want}, got {got}");
            }
        }
    }

    [Fact]
    public void Pairwise_writes_the_reference_table_and_reports_warnings()
    {
        var run = CliRun.App("measure", "colocalization", "--image-a", Input("pair2d_a.tif"), "--image-b", Input("pair2d_b.tif"),
            "--segmentation", Input("pair2d_labels.tif"), "--threshold-method", "otsu", "--output", Out("t.csv"));
        Assert.Equal(0, run.ExitCode);
        AssertMatches(Reference("generated_otsu"), TableFile.Read(Out("t.csv")));
        Assert.Contains("channel 'A' is constant", run.Error);
    }

    [Fact]
    public void All_to_all_over_a_channel_axis_with_names()
    {
        var run = CliRun.App("measure", "colocalization", "--image", Input("three_channels.tif"), "--channel-axis", "0",
            "--segmentation", Input("three_channels_labels.tif"), "--channel-names", "dna,dna_copy,noise", "--output", Out("all.csv"));
        Assert.Equal(0, run.ExitCode);
        AssertMatches(Reference("three_channels_all_to_all"), TableFile.Read(Out("all.csv")));
    }

    [Fact]
    public void Slice_axis_and_metric_selection()
    {
        var run = CliRun.App("measure", "colocalization", "--image-a", Input("stack3d_a.tif"), "--image-b", Input("stack3d_b.tif"),
            "--segmentation", Input("stack3d_labels.tif"), "--slice-axis", "0", "--output", Out("s.csv"));
        Assert.Equal(0, run.ExitCode);
        AssertMatches(Reference("stack3d_slices"), TableFile.Read(Out("s.csv")));

        run = CliRun.App("measure", "colocalization", "--image-a", Input("pair2d_a.tif"), "--image-b", Input("pair2d_b.tif"),
            "--segmentation", Input("pair2d_labels.tif"), "--threshold-method", "otsu", "--metrics", "pcc,mcc", "--output", Out("m.csv"));
        Assert.Equal(0, run.ExitCode);
        AssertMatches(Reference("generated_pcc_mcc"), TableFile.Read(Out("m.csv")));
    }

    [Fact]
    public void A_glob_sweep_writes_one_combined_table()
    {
        foreach (var name in new[] { "x", "y" })
        {
            Directory.CreateDirectory(Out(name));
            File.Copy(Input("pair2d_a.tif"), Path.Combine(_dir, name, "a.tif"));
            File.Copy(Input("pair2d_b.tif"), Path.Combine(_dir, name, "b.tif"));
        }

        var run = CliRun.App("measure", "colocalization", "--image-a", Path.Combine(_dir, "*", "a.tif"), "--image-b", Path.Combine(_dir, "*", "b.tif"),
            "--metrics", "pcc", "--output", Out("sweep.csv"));
        Assert.Equal(0, run.ExitCode);
        var table = TableFile.Read(Out("sweep.csv"));
        Assert.Equal(2, table.RowCount);
        Assert.Equal("segmentation", table.ColumnNames.First());
    }

    [Fact]
    public void Manual_without_thresholds_fails_naming_the_problem()
    {
        var run = CliRun.App("measure", "colocalization", "--image-a", Input("pair2d_a.tif"), "--image-b", Input("pair2d_b.tif"),
            "--threshold-method", "manual", "--threshold-a", "10", "--output", Out("bad.csv"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("threshold B", run.Error);
        Assert.False(File.Exists(Out("bad.csv")));
    }

    [Fact]
    public void Unknown_threshold_method_is_refused_by_the_parser()
    {
        var run = CliRun.App("measure", "colocalization", "--image-a", Input("pair2d_a.tif"), "--image-b", Input("pair2d_b.tif"),
            "--threshold-method", "magic", "--output", Out("bad.csv"));
        Assert.NotEqual(0, run.ExitCode);
    }

    [Fact]
    public void Object_table_from_the_command_line()
    {
        var real = Path.Combine(Repo, "tests/data/real/segmentation-measurement-tool");
        var run = CliRun.App("measure", "coloc-objects", "--image-a", Path.Combine(real, "nuclei.tif"), "--image-b", Path.Combine(real, "membrane.tif"),
            "--threshold-method", "li", "--min-size", "20", "--mask", Path.Combine(real, "membrane-seg.tif"), "--output", Out("o.csv"));
        Assert.Equal(0, run.ExitCode);
        var table = TableFile.Read(Out("o.csv"));
        var expected = File.ReadAllLines(Path.Combine(Repo, "tests/reference/colocalization/objects_real_li_masked.csv")).Count(l => l.Length > 0) - 1;
        Assert.Equal(expected, table.RowCount);
        Assert.Equal(["channel", "object", "n_pixels", "centroid", "coincident", "overlap", "nn_distance_px"], table.ColumnNames.Take(7).ToArray());
    }

    [Theory]
    [InlineData("ccf", "shift")]
    [InlineData("ica", "a")]
    [InlineData("randomization", "iteration")]
    [InlineData("cytofluorogram", "n_pixels")]
    public void Diagnostics_write_a_table_and_a_png(string kind, string firstColumn)
    {
        var args = new List<string> { "analyze", "coloc-diagnostics", kind, "--image-a", Input("pair2d_a.tif"), "--image-b", Input("pair2d_b.tif"),
            "--output", Out(kind + ".csv"), "--plot", Out(kind + ".png") };
        if (kind == "randomization") args.AddRange(["--n-iter", "20", "--seed", "1"]);
        var run = CliRun.App(args.ToArray());
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(firstColumn, TableFile.Read(Out(kind + ".csv")).ColumnNames.First());
        var png = File.ReadAllBytes(Out(kind + ".png"));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png.Take(4).ToArray());

        var again = CliRun.App(args.ToArray());
        Assert.Equal(1, again.ExitCode); // never overwritten without --force
        Assert.Contains("already exists", again.Error);
    }
}
