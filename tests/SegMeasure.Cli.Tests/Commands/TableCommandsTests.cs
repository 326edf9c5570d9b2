using SegMeasure.Core.Tables;

namespace SegMeasure.Cli.Tests.Commands;

public class TableCommandsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("segmeasure-table-").FullName;

    public TableCommandsTests()
    {
        File.WriteAllText(P("intensity.csv"), "index,mean_intensity,std_intensity,max_intensity\n3,30.5,1.5,40\n1,10.25,0.5,12\n");
        File.WriteAllText(P("morphology.tsv"), "index\tarea\tperimeter\n2\t20.0\t8.5\n1\t10.0\t6.0\n");
        File.WriteAllText(P("clash.csv"), "index,area\n1,5.0\n");
        File.WriteAllText(P("nokey.csv"), "label,extra\n1,5.0\n");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string P(string name) => Path.Combine(_root, name);

    [Fact]
    public void Merge_joins_tables_of_any_format_sorted_by_index_and_keeps_integers()
    {
        var run = CliRun.App("table", "merge", "--inputs", P("intensity.csv"), P("morphology.tsv"), "--output", P("combined.csv"));
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Equal(
            "index,mean_intensity,std_intensity,max_intensity,area,perimeter\n" +
            "1,10.25,0.5,12,10.0,6.0\n" +
            "2,,,,20.0,8.5\n" +
            "3,30.5,1.5,40,,\n", File.ReadAllText(P("combined.csv")));
    }

    [Fact]
    public void Merge_drops_columns_after_joining_and_writes_the_format_the_extension_names()
    {
        var run = CliRun.App("table", "merge", "--inputs", P("intensity.csv"), P("morphology.tsv"), "--output", P("combined.xlsx"),
            "--drop-columns", "std_intensity", "perimeter");
        Assert.Equal(0, run.ExitCode);
        var table = TableFile.Read(P("combined.xlsx"));
        Assert.Equal(["index", "mean_intensity", "max_intensity", "area"], table.ColumnNames);
        Assert.Equal([1L, 2L, 3L], ((IntegerColumn)table["index"]).Values.Cast<long>());
    }

    [Fact]
    public void One_input_is_a_column_drop_utility()
    {
        var run = CliRun.App("table", "merge", "--inputs", P("intensity.csv"), "--output", P("trimmed.csv"), "--drop-columns", "std_intensity", "max_intensity");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("index,mean_intensity\n3,30.5\n1,10.25\n", File.ReadAllText(P("trimmed.csv")));
    }

    [Fact]
    public void Drop_is_the_same_as_merge_with_one_input()
    {
        var run = CliRun.App("table", "drop", "--input", P("intensity.csv"), "--output", P("trimmed.tsv"), "--columns", "std_intensity");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("index\tmean_intensity\tmax_intensity\n3\t30.5\t40\n1\t10.25\t12\n", File.ReadAllText(P("trimmed.tsv")));
    }

    [Fact]
    public void The_key_column_can_be_chosen()
    {
        File.WriteAllText(P("a.csv"), "label,x\n2,1\n1,2\n");
        File.WriteAllText(P("b.csv"), "label,y\n1,3\n");
        var run = CliRun.App("table", "merge", "--inputs", P("a.csv"), P("b.csv"), "--on", "label", "--output", P("ab.csv"));
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("label,x,y\n1,2,3\n2,1,\n", File.ReadAllText(P("ab.csv")));
    }

    [Theory]
    [InlineData(new[] { "--inputs", "intensity.csv", "clash.csv", "morphology.tsv" }, "'area'")]
    [InlineData(new[] { "--inputs", "intensity.csv", "nokey.csv" }, "nokey.csv")]
    [InlineData(new[] { "--inputs", "intensity.csv", "--drop-columns", "index" }, "protected")]
    [InlineData(new[] { "--inputs", "intensity.csv", "--drop-columns", "nope" }, "'nope'")]
    [InlineData(new[] { "--inputs", "missing.csv", "intensity.csv" }, "missing.csv")]
    public void Failures_exit_1_with_one_line_and_write_nothing(string[] args, string detail)
    {
        var full = args.Select(a => a.Contains('.') ? P(a) : a).Concat(["--output", P("out.csv")]).ToArray();
        var run = CliRun.App(["table", "merge", .. full]);
        Assert.Equal(1, run.ExitCode);
        Assert.Single(run.ErrorLines);
        Assert.StartsWith("segmeasure: ", run.Error);
        Assert.Contains(detail, run.Error);
        Assert.False(File.Exists(P("out.csv")));
    }

    [Fact]
    public void An_existing_output_is_kept_unless_forced()
    {
        File.WriteAllText(P("out.csv"), "precious");
        var refused = CliRun.App("table", "merge", "--inputs", P("intensity.csv"), "--output", P("out.csv"));
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("--force", refused.Error);
        Assert.Equal("precious", File.ReadAllText(P("out.csv")));
        var forced = CliRun.App("table", "merge", "--inputs", P("intensity.csv"), "--output", P("out.csv"), "--force");
        Assert.Equal(0, forced.ExitCode);
        Assert.StartsWith("index,", File.ReadAllText(P("out.csv")));
    }

    [Theory]
    [InlineData("merge", "--output")]
    [InlineData("merge", "--inputs")]
    [InlineData("drop", "--columns")]
    public void Required_options_are_enforced(string command, string missing)
    {
        var args = command == "merge"
            ? new[] { "--inputs", P("intensity.csv"), "--output", P("o.csv") }
            : new[] { "--input", P("intensity.csv"), "--output", P("o.csv"), "--columns", "std_intensity" };
        var i = Array.IndexOf(args, missing);
        var kept = args.Where((_, k) => k != i && k != i + 1).ToArray();
        var run = CliRun.App(["table", command, .. kept]);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(missing, run.Error);
    }

    [Fact]
    public void Help_shows_the_spec_flags_and_defaults()
    {
        var run = CliRun.App("table", "merge", "--help");
        Assert.Equal(0, run.ExitCode);
        foreach (var flag in new[] { "--inputs", "--output", "--on", "--drop-columns", "--force", "index" })
            Assert.Contains(flag, run.Output);
    }
}
