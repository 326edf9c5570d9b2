using SegMeasure.Core.Tables;

namespace SegMeasure.Cli.Tests.Sweeps;

public class FileSweepTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("segmeasure-cli-").FullName.Replace('\\', '/');

    public FileSweepTests()
    {
        Write("plate/a/seg.txt", "0 1 1 2");
        Write("plate/b/seg.txt", "3 3 3 0");
        Write("plate/c/seg.txt", "this is not a label file");
        Write("plate/d/deeper/seg.txt", "5");
        Write("plate/a/w.txt", "1 1 1 1");
        Write("plate/b/w.txt", "2 2 2 2");
        Write("plate/c/w.txt", "1 1 1 1");
        Write("plate/d/deeper/w.txt", "4");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string P(string relative) => _root + "/" + relative;

    private void Write(string relative, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(P(relative))!);
        File.WriteAllText(P(relative), text);
    }

    [Fact]
    public void Output_dir_gets_one_table_per_input_named_below_the_pattern_root_and_a_bad_file_is_skipped()
    {
        var run = CliRun.Of(ExampleCommands.Count(), "count", "--segmentation", P("plate/**/seg.txt"), "--output-dir", P("out"), "--jobs", "2");

        Assert.Equal(1, run.ExitCode);
        Assert.True(File.Exists(P("out/a/seg.csv")));
        Assert.True(File.Exists(P("out/b/seg.csv")));
        Assert.True(File.Exists(P("out/d/deeper/seg.csv")));
        Assert.False(File.Exists(P("out/c/seg.csv")));
        Assert.Equal("index,count\n1,2\n2,1\n", File.ReadAllText(P("out/a/seg.csv")));
        Assert.Equal("index,count\n3,3\n", File.ReadAllText(P("out/b/seg.csv")));
        Assert.Equal(2, run.ErrorLines.Length);
        Assert.StartsWith("segmeasure: ", run.ErrorLines[0]);
        Assert.Contains("plate/c/seg.txt", run.ErrorLines[0]);
        Assert.Equal("segmeasure: 3 of 4 files processed, 1 failed", run.ErrorLines[1]);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void Output_gets_one_combined_table_with_a_leading_segmentation_column_in_sorted_order()
    {
        var run = CliRun.Of(ExampleCommands.Count(), "count", "--segmentation", P("plate/*/seg.txt"), P("plate/d/*/seg.txt"),
            "--weights", P("plate/*/w.txt"), P("plate/d/*/w.txt"), "--output", P("all.csv"));

        Assert.Equal(1, run.ExitCode);
        var table = TableFile.Read(P("all.csv"));
        Assert.Equal(["segmentation", "index", "count", "weight"], table.ColumnNames);
        Assert.Equal([P("plate/a/seg.txt"), P("plate/a/seg.txt"), P("plate/b/seg.txt"), P("plate/d/deeper/seg.txt")],
            ((TextColumn)table["segmentation"]).Values);
        Assert.Equal([1L, 2L, 3L, 5L], ((IntegerColumn)table["index"]).Values.Cast<long>());
        Assert.Equal([2.0, 1, 6, 4], ((DoubleColumn)table["weight"]).Values);
    }

    [Fact]
    public void A_single_literal_input_writes_the_plain_table_and_says_nothing()
    {
        var run = CliRun.Of(ExampleCommands.Count(), "count", "--segmentation", P("plate/a/seg.txt"), "--output", P("one.csv"));
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Equal("index,count\n1,2\n2,1\n", File.ReadAllText(P("one.csv")));
    }

    [Fact]
    public void A_single_bad_input_fails_with_one_line()
    {
        var run = CliRun.Of(ExampleCommands.Count(), "count", "--segmentation", P("plate/c/seg.txt"), "--output", P("one.csv"));
        Assert.Equal(1, run.ExitCode);
        Assert.Single(run.ErrorLines);
        Assert.Contains("not a label file", run.Error);
        Assert.False(File.Exists(P("one.csv")));
    }

    [Fact]
    public void Paired_inputs_with_different_counts_are_refused_listing_both()
    {
        var run = CliRun.Of(ExampleCommands.Count(), "count", "--segmentation", P("plate/*/seg.txt"), "--weights", P("plate/a/w.txt"), "--output", P("all.csv"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--weights expands to 1 file(s) but --segmentation to 3", run.Error);
        Assert.Single(run.ErrorLines);
        Assert.Contains(P("plate/b/seg.txt"), run.Error);
        Assert.False(File.Exists(P("all.csv")));
    }

    [Fact]
    public void Output_and_output_dir_exclude_each_other_and_one_is_required()
    {
        var both = CliRun.Of(ExampleCommands.Count(), "count", "--segmentation", P("plate/a/seg.txt"), "--output", P("x.csv"), "--output-dir", P("out"));
        Assert.NotEqual(0, both.ExitCode);
        Assert.Contains("either --output or --output-dir", both.Error);
        var none = CliRun.Of(ExampleCommands.Count(), "count", "--segmentation", P("plate/a/seg.txt"));
        Assert.NotEqual(0, none.ExitCode);
        Assert.Contains("--output", none.Error);
    }

    [Fact]
    public void Jobs_must_be_positive()
    {
        var run = CliRun.Of(ExampleCommands.Count(), "count", "--segmentation", P("plate/a/seg.txt"), "--output", P("x.csv"), "--jobs", "0");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--jobs", run.Error);
    }

    [Fact]
    public void A_pattern_matching_nothing_fails_naming_it()
    {
        var run = CliRun.Of(ExampleCommands.Count(), "count", "--segmentation", P("plate/**/none*.txt"), "--output", P("x.csv"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("none*.txt", run.Error);
    }

    [Fact]
    public void Existing_outputs_are_refused_before_any_work_unless_forced()
    {
        Write("out/b/seg.csv", "precious");
        var refused = CliRun.Of(ExampleCommands.Count(), "count", "--segmentation", P("plate/**/seg.txt"), "--output-dir", P("out"));
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("--force", refused.Error);
        Assert.Equal("precious", File.ReadAllText(P("out/b/seg.csv")));
        Assert.False(File.Exists(P("out/a/seg.csv")));

        var forced = CliRun.Of(ExampleCommands.Count(), "count", "--segmentation", P("plate/**/seg.txt"), "--output-dir", P("out"), "--force");
        Assert.Equal(1, forced.ExitCode); // the corrupt file still fails
        Assert.Equal("index,count\n3,3\n", File.ReadAllText(P("out/b/seg.csv")));
    }

    [Fact]
    public void A_file_sweep_needs_an_output_dir_and_keeps_the_input_extension()
    {
        var refused = CliRun.Of(ExampleCommands.Double(), "double", "--input", P("plate/*/seg.txt"), "--output", P("x.txt"));
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("--output-dir", refused.Error);

        var run = CliRun.Of(ExampleCommands.Double(), "double", "--input", P("plate/**/seg.txt"), "--output-dir", P("doubled"), "-j", "3");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("0 2 2 4", File.ReadAllText(P("doubled/a/seg.txt")));
        Assert.Equal("6 6 6 0", File.ReadAllText(P("doubled/b/seg.txt")));
        Assert.Equal("10", File.ReadAllText(P("doubled/d/deeper/seg.txt")));
        Assert.False(File.Exists(P("doubled/c/seg.txt")));
        Assert.Contains("3 of 4 files processed, 1 failed", run.Error);
    }

    [Fact]
    public void A_single_file_transformation_writes_to_output_and_never_over_its_input()
    {
        var run = CliRun.Of(ExampleCommands.Double(), "double", "--input", P("plate/a/seg.txt"), "--output", P("x.txt"));
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("0 2 2 4", File.ReadAllText(P("x.txt")));

        var onto = CliRun.Of(ExampleCommands.Double(), "double", "--input", P("plate/a/seg.txt"), "--output", P("plate/a/seg.txt"), "--force");
        Assert.Equal(1, onto.ExitCode);
        Assert.Contains("overwrite an input", onto.Error);
        Assert.Equal("0 1 1 2", File.ReadAllText(P("plate/a/seg.txt")));
    }

    [Fact]
    public void Help_describes_the_sweep_options()
    {
        var run = CliRun.Of(ExampleCommands.Count(), "count", "--help");
        Assert.Equal(0, run.ExitCode);
        foreach (var option in new[] { "--segmentation", "--weights", "--output", "--output-dir", "--jobs", "--force", "glob" })
            Assert.Contains(option, run.Output);
    }
}
