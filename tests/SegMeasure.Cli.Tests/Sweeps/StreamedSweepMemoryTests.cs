using System.CommandLine;
using System.Diagnostics;
using SegMeasure.Cli.Sweeps;
using SegMeasure.Core.Tables;
using Xunit.Abstractions;

namespace SegMeasure.Cli.Tests.Sweeps;

[CollectionDefinition(nameof(SweepMemoryMeasuring), DisableParallelization = true)]
public sealed class SweepMemoryMeasuring;

/// <summary>
/// A plate-scale sweep: 1 000 inputs of 10 000 rows each, measured by a made-up measurement,
/// written as one combined Parquet table of ten million rows while the managed heap is watched.
/// Runs alone so the heap it watches is its own.
/// </summary>
[Collection(nameof(SweepMemoryMeasuring))]
public sealed class StreamedSweepMemoryTests : IDisposable
{
    private const int Files = 1_000;
    private const int RowsPerFile = 10_000;
    private static readonly string?[] Wells = Enumerable.Range(0, 384).Select(w => "W" + w.ToString("D3")).ToArray();
    private readonly string _dir = Directory.CreateTempSubdirectory("segmeasure-sweep-memory-").FullName.Replace('\\', '/');
    private readonly ITestOutputHelper _log;

    public StreamedSweepMemoryTests(ITestOutputHelper log) => _log = log;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static MeasurementTable Measure(SweepFile file)
    {
        long first = (long)file.Position * RowsPerFile;
        var index = new long?[RowsPerFile];
        var area = new double[RowsPerFile];
        var well = new string?[RowsPerFile];
        for (int i = 0; i < RowsPerFile; i++)
        {
            long id = first + i + 1;
            index[i] = id;
            area[i] = id * 0.5;
            well[i] = Wells[id % 384];
        }

        return new MeasurementTable([new IntegerColumn("index", index), new DoubleColumn("area", area), new TextColumn("well", well)]);
    }

    [Fact]
    public void Ten_million_rows_of_a_sweep_are_written_as_a_stream()
    {
        Directory.CreateDirectory(_dir + "/in");
        for (int f = 0; f < Files; f++) File.WriteAllText($"{_dir}/in/f{f:D4}.txt", "");
        var command = new Command("fake", "A measurement that makes tables up.");
        var sweep = new FileSweep(command, "Faking");
        sweep.AddImages("--segmentation", "Placeholder file(s).");
        sweep.MeasureWith((file, _) => Measure(file));

        var output = _dir + "/plate.parquet";
        var clock = Stopwatch.StartNew();
        CliRun? run = null;
        long peak = ManagedHeapPeak.While(() => run = CliRun.Of(command, "fake", "--segmentation", _dir + "/in/*.txt", "--output", output, "--jobs", "2"));
        var seconds = clock.Elapsed.TotalSeconds;
        Assert.True(run!.ExitCode == 0, run.Error);
        _log.WriteLine($"{(long)Files * RowsPerFile} rows in {seconds:F1} s, managed heap grew by at most {peak >> 20} MB");

        // Held at once, the rows would take over 700 MB (long?, double, a string reference and the source per row);
        // the stream holds at most four files' tables (2 × 2 jobs) and one row group.
        Assert.True(peak < 150L << 20, $"managed heap grew by {peak >> 20} MB while sweeping");

        long rows = 0, sum = 0;
        string? lastSource = null;
        using var stream = File.OpenRead(output);
        foreach (var group in ParquetTableFormat.ReadRowGroups(stream))
        {
            var index = (IntegerColumn)group["index"];
            var source = (TextColumn)group["segmentation"];
            for (int r = 0; r < group.RowCount; r++)
            {
                Assert.Equal(rows + 1, index[r]); // sorted input order, rows in order
                rows++;
                sum += index[r]!.Value;
            }

            Assert.True(lastSource is null || string.CompareOrdinal(lastSource, source[0]) <= 0);
            lastSource = source[group.RowCount - 1];
        }

        long n = (long)Files * RowsPerFile;
        Assert.Equal(n, rows);
        Assert.Equal(n * (n + 1) / 2, sum);
        Assert.Equal($"{_dir}/in/f{Files - 1:D4}.txt", lastSource);
    }
}
