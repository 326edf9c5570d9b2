using System.Diagnostics;
using System.Text.Json;
using SegMeasure.Core.Batch;

namespace SegMeasure.Cli.Tests.Sweeps;

/// <summary>
/// Re-runnable sweeps end to end: a real <c>segmeasure</c> process is killed in the middle of a
/// sweep, and a re-run with <c>--skip-existing</c> does only the rest.
/// </summary>
public sealed class ResumableSweepTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("segmeasure-resume-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Repo() => TestRepository.Root;

    /// <summary>Copies of the example segmentation, sorted names, the oldest timestamps.</summary>
    private void MakeInputs(int count)
    {
        var source = Path.Combine(Repo(), "examples", "data", "membrane-seg.tif");
        Directory.CreateDirectory(Path.Combine(_dir, "in"));
        for (int i = 0; i < count; i++)
        {
            var path = Path.Combine(_dir, "in", $"s{i:D4}.tif");
            File.Copy(source, path);
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-10));
        }
    }

    private static List<JsonElement> Log(string path) =>
        File.Exists(path) ? File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList() : [];

    [Fact]
    public void A_killed_sweep_keeps_every_finished_output_whole_and_a_rerun_does_only_the_rest()
    {
        Assert.True(File.Exists(SegMeasureProcess.Program), "segmeasure.dll is built beside the tests");
        const int files = 300;
        MakeInputs(files);
        string[] Sweep(string output, string log) =>
            ["measure", "morphology", "--segmentation", "in/*.tif", "--output", output, "--jobs", "1", "--skip-existing", "--status-log", log];

        // The uninterrupted run.
        var whole = SegMeasureProcess.Run(_dir, Sweep("whole.csv", "whole.jsonl"));
        Assert.True(whole.ExitCode == 0, whole.Error);

        // The same sweep, killed once a few files are done.
        using (var process = SegMeasureProcess.Start(_dir, Sweep("resumed.csv", "resumed.jsonl")))
        {
            var clock = Stopwatch.StartNew();
            while (Log(Path.Combine(_dir, "resumed.jsonl")).Count < 10 && clock.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited)
                Thread.Sleep(2);
            Assert.False(process.HasExited, "the sweep ended before it could be killed; give it more files");
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        var parts = Path.Combine(_dir, "resumed.csv.parts");
        var done = Log(Path.Combine(_dir, "resumed.jsonl")).Where(l => l.GetProperty("status").GetString() == "done").ToList();
        Assert.InRange(done.Count, 10, files - 1);
        Assert.False(File.Exists(Path.Combine(_dir, "resumed.csv")), "no combined table from a killed sweep");
        // Nothing half-written: every part under its own name is the complete table of its input.
        // (The kill may land while a part is written to its temporary file, or between its rename
        // and its stamp: neither is a finished output, and the re-run makes both again.)
        var wholeParts = Path.Combine(_dir, "whole.csv.parts");
        var present = Directory.EnumerateFiles(parts, "*.csv").ToList();
        foreach (var part in present)
            Assert.Equal(File.ReadAllText(Path.Combine(wholeParts, Path.GetFileName(part))), File.ReadAllText(part));
        var finished = present.Where(p => File.Exists(OutputStamp.SidecarOf(p))).ToList();
        Assert.True(finished.Count >= done.Count);

        // The re-run skips what was done and does the rest; the combined table equals the uninterrupted run's.
        var rerun = SegMeasureProcess.Run(_dir, Sweep("resumed.csv", "rerun.jsonl"));
        Assert.True(rerun.ExitCode == 0, rerun.Error);
        var statuses = Log(Path.Combine(_dir, "rerun.jsonl")).ToDictionary(l => l.GetProperty("file").GetString()!, l => l.GetProperty("status").GetString());
        Assert.Equal(files, statuses.Count);
        foreach (var line in done) Assert.Equal("skipped", statuses[line.GetProperty("file").GetString()!]);
        Assert.Equal(files - finished.Count, statuses.Values.Count(s => s == "done"));
        Assert.Equal(File.ReadAllText(Path.Combine(_dir, "whole.csv")), File.ReadAllText(Path.Combine(_dir, "resumed.csv")));
        // What the killed run was writing when it died is gone too.
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Changed_parameters_or_a_newer_input_make_an_output_again()
    {
        MakeInputs(3);
        string[] Sweep(string log, params string[] extra) =>
            ["measure", "morphology", "--segmentation", Path.Combine(_dir, "in/*.tif"), "--output-dir", Path.Combine(_dir, "out"), "--skip-existing", "--status-log", Path.Combine(_dir, log), .. extra];
        Directory.CreateDirectory(Path.Combine(_dir, "out"));
        Assert.Equal(0, CliRun.App(Sweep("1.jsonl")).ExitCode);
        Assert.Equal(0, CliRun.App(Sweep("2.jsonl")).ExitCode);
        File.SetLastWriteTimeUtc(Path.Combine(_dir, "in", "s0001.tif"), DateTime.UtcNow.AddMinutes(1));
        Assert.Equal(0, CliRun.App(Sweep("3.jsonl")).ExitCode);
        Assert.Equal(0, CliRun.App(Sweep("4.jsonl", "--scale", "2", "2")).ExitCode);

        string[] Statuses(string log) => Log(Path.Combine(_dir, log)).OrderBy(l => l.GetProperty("file").GetString()).Select(l => l.GetProperty("status").GetString()!).ToArray();
        Assert.Equal(["done", "done", "done"], Statuses("1.jsonl"));
        Assert.Equal(["skipped", "skipped", "skipped"], Statuses("2.jsonl"));
        Assert.Equal(["skipped", "done", "skipped"], Statuses("3.jsonl"));
        Assert.Equal(["done", "done", "done"], Statuses("4.jsonl"));
        // The memory limit decides only how an output is computed (band by band or whole), not what it holds.
        Assert.Equal(0, CliRun.App(Sweep("5.jsonl", "--scale", "2", "2", "--memory-limit", "0.000001")).ExitCode);
        // (s0001's input is dated a minute ahead, so it is made again whatever the options.)
        Assert.Equal(["skipped", "done", "skipped"], Statuses("5.jsonl"));
    }

    [Fact]
    public void Without_skip_existing_an_existing_output_is_still_refused()
    {
        MakeInputs(2);
        var output = Path.Combine(_dir, "t.csv");
        string[] Sweep(params string[] extra) => ["measure", "morphology", "--segmentation", Path.Combine(_dir, "in/*.tif"), "--output", output, .. extra];
        Assert.Equal(0, CliRun.App(Sweep()).ExitCode);
        Assert.Contains("already exists", CliRun.App(Sweep()).Error);
        // Not made by a re-runnable sweep (no stamp): --skip-existing does not replace it either.
        Assert.Contains("already exists", CliRun.App(Sweep("--skip-existing")).Error);
    }

    [Fact]
    public void Shards_split_the_sorted_inputs_and_their_tables_join_to_the_whole()
    {
        MakeInputs(5);
        string[] Sweep(string output, params string[] extra) => ["measure", "morphology", "--segmentation", Path.Combine(_dir, "in/*.tif"), "--output", Path.Combine(_dir, output), .. extra];
        Assert.Equal(0, CliRun.App(Sweep("whole.csv")).ExitCode);
        for (int i = 0; i < 3; i++) Assert.Equal(0, CliRun.App(Sweep($"shard{i}.csv", "--shard", $"{i}/3")).ExitCode);
        var run = CliRun.App("table", "concat", "--inputs", Path.Combine(_dir, "shard*.csv"), "--output", Path.Combine(_dir, "joined.csv"));
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(File.ReadAllText(Path.Combine(_dir, "whole.csv")), File.ReadAllText(Path.Combine(_dir, "joined.csv")));
        Assert.Contains("--shard '3/3'", CliRun.App(Sweep("x.csv", "--shard", "3/3")).Error);
    }
}

/// <summary>Parquet through the command line: a sweep's table by extension, read back by table commands.</summary>
public sealed class ParquetCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("segmeasure-parquet-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_sweep_writes_Parquet_by_extension_and_table_commands_read_it_with_its_types()
    {
        var data = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "examples", "data");
        string[] Sweep(string output) => ["measure", "morphology", "--segmentation", Path.Combine(data, "*-seg.tif"), "--output", Path.Combine(_dir, output)];
        Assert.Equal(0, CliRun.App(Sweep("t.csv")).ExitCode);
        Assert.Equal(0, CliRun.App(Sweep("t.parquet")).ExitCode);
        var table = Core.Tables.TableFile.Read(Path.Combine(_dir, "t.parquet"));
        Assert.Equal(Core.Tables.ColumnKind.Integer, table["index"].Kind);
        // Parquet in, CSV out: the same text as the sweep's own CSV.
        var run = CliRun.App("table", "drop", "--input", Path.Combine(_dir, "t.parquet"), "--columns", "solidity", "--output", Path.Combine(_dir, "dropped.csv"));
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(0, CliRun.App("table", "drop", "--input", Path.Combine(_dir, "t.csv"), "--columns", "solidity", "--output", Path.Combine(_dir, "expected.csv")).ExitCode);
        Assert.Equal(File.ReadAllText(Path.Combine(_dir, "expected.csv")), File.ReadAllText(Path.Combine(_dir, "dropped.csv")));
    }
}
