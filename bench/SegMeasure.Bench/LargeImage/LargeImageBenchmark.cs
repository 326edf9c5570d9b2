using System.Diagnostics;
using SegMeasure.Core.Images;
using SegMeasure.Core.Measurement;
using SegMeasure.Core.Tables;
using SegMeasure.Core.Tiff;

namespace SegMeasure.Bench.LargeImage;

/// <summary>
/// Images larger than memory: a 32768² uint32 label BigTIFF (about 500 000 cells) and a uint16
/// intensity BigTIFF of the same size are generated strip by strip, then measured (morphology,
/// intensity) band by band, each in a child process that reports its peak RSS (VmHWM). As the
/// baseline in the same run, a smaller image is measured both whole in memory and band by band:
/// time ratio and table equality.
/// </summary>
public sealed class LargeImageBenchmark : IBenchmark
{
    public string Name => "large-image";

    public string Description => "measure a generated 32768² uint32 label BigTIFF band by band in child processes (peak RSS, Mpx/s) + in-memory vs band-by-band on 8192²  [--size N] [--baseline-size N] [--runs R] [--dir DIR]";

    public int Run(string[] args)
    {
        if (args.Length > 0 && args[0] == "--child") return Child(args[1..]);
        int size = int.Parse(BenchmarkTools.Option(args, "--size", "32768"));
        int baselineSize = int.Parse(BenchmarkTools.Option(args, "--baseline-size", "8192"));
        int runs = int.Parse(BenchmarkTools.Option(args, "--runs", "3"));
        var dir = Path.Combine(BenchmarkTools.Option(args, "--dir", Path.GetTempPath()), $"segmeasure-large-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        try
        {
            Console.WriteLine($"large-image: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1e9:F1} GB available to .NET");
            // The large pair first, so that the generator's peak RSS is its own.
            var (labels, intensity) = Generate(dir, size);
            Baseline(dir, baselineSize, runs);
            double megapixels = (double)size * size / 1e6;
            foreach (var kind in new[] { "morphology", "intensity" })
            {
                var (seconds, rows, peak) = RunChild(kind, labels, intensity);
                Console.WriteLine($"{kind,-10} band by band, {size}²: {seconds:F1} s, {megapixels / seconds:F0} Mpx/s, {rows} rows, peak RSS {peak / 1e9:F2} GB (child VmHWM)");
            }

            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The images of <paramref name="size"/>² written strip by strip (BigTIFF above 4 GB).</summary>
    private static (string Labels, string Intensity) Generate(string dir, int size)
    {
        var cells = new GeneratedCells(size);
        string labels = Path.Combine(dir, $"labels-{size}.tif"), intensity = Path.Combine(dir, $"intensity-{size}.tif");
        var watch = Stopwatch.StartNew();
        TiffWriter.Write(labels, cells.Labels(), VoxelSize.Uncalibrated, new TiffWriteOptions { Overwrite = true }, default, bigTiffThreshold: uint.MaxValue);
        TiffWriter.Write(intensity, cells.Intensities(), VoxelSize.Uncalibrated, new TiffWriteOptions { Overwrite = true }, default, bigTiffThreshold: uint.MaxValue);
        using (var reader = TiffReader.Open(labels))
            Console.WriteLine($"generated {size}² ({(double)size * size / 1e6:F0} Mpx, {cells.CellCount} cells): labels {new FileInfo(labels).Length / 1e6:F0} MB "
                + $"({(reader.IsBigTiff ? "BigTIFF" : "TIFF")}, {reader.Pages[0].BandsPerPlane} strips of {reader.Pages[0].BandRows} rows), "
                + $"intensity {new FileInfo(intensity).Length / 1e6:F0} MB, in {watch.Elapsed.TotalSeconds:F0} s; generator peak RSS {PeakRss() / 1e9:F2} GB");
        return (labels, intensity);
    }

    /// <summary>In memory against band by band on an image that fits: time ratio and equal tables.</summary>
    private static void Baseline(string dir, int size, int runs)
    {
        var (labels, intensity) = Generate(dir, size);
        double megapixels = (double)size * size / 1e6;
        foreach (var kind in new[] { "morphology", "intensity" })
        {
            MeasurementTable whole = null!, banded = null!;
            Measure(kind, labels, intensity, false);
            Measure(kind, labels, intensity, true); // one untimed run of each first (JIT, page cache)
            var wholeTimes = BenchmarkTools.TimeWithCpu(runs, () => whole = Measure(kind, labels, intensity, false));
            var bandTimes = BenchmarkTools.TimeWithCpu(runs, () => banded = Measure(kind, labels, intensity, true));
            double w = BenchmarkTools.Median(wholeTimes.Select(t => t.Wall).ToArray()), b = BenchmarkTools.Median(bandTimes.Select(t => t.Wall).ToArray());
            Console.WriteLine($"{kind,-10} {size}²: in memory {w:F2} s ({megapixels / w:F0} Mpx/s), band by band {b:F2} s ({megapixels / b:F0} Mpx/s), "
                + $"band/in-memory time {b / w:F2}x, tables {(SameTable(whole, banded) ? "equal" : "DIFFERENT")} ({whole.RowCount} rows); "
                + $"runs {BenchmarkTools.Format(wholeTimes.Select(t => t.Wall))} / {BenchmarkTools.Format(bandTimes.Select(t => t.Wall))} s");
        }

        File.Delete(labels);
        File.Delete(intensity);
    }

    private static MeasurementTable Measure(string kind, string labels, string intensity, bool streaming) => kind == "morphology"
        ? MeasurementFiles.Morphology(labels, new MorphologyOptions { Streaming = streaming })
        : MeasurementFiles.Intensity(labels, intensity, new IntensityOptions { Streaming = streaming });

    private static bool SameTable(MeasurementTable a, MeasurementTable b) =>
        a.ColumnNames.SequenceEqual(b.ColumnNames) && a.RowCount == b.RowCount
        && Enumerable.Range(0, a.RowCount).All(r => a.GetRow(r).SequenceEqual(b.GetRow(r)));

    /// <summary>One measurement in a fresh process, so its peak RSS is the measurement's alone.</summary>
    private static (double Seconds, int Rows, long PeakRss) RunChild(string kind, string labels, string intensity)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(LargeImageBenchmark).Assembly.Location);
        foreach (var a in new[] { "large-image", "--child", kind, labels, intensity }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{kind} child failed ({process.ExitCode}): {error}{output}");
        var parts = output.Trim().Split('\n').Last().Split(' ');
        return (double.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1]), long.Parse(parts[2]));
    }

    /// <summary>The child: measure band by band, print "seconds rows peakRssBytes".</summary>
    private static int Child(string[] args)
    {
        var watch = Stopwatch.StartNew();
        var table = Measure(args[0], args[1], args[2], streaming: true);
        Console.WriteLine(FormattableString.Invariant($"{watch.Elapsed.TotalSeconds:F3} {table.RowCount} {PeakRss()}"));
        return 0;
    }

    /// <summary>This process's peak resident set (VmHWM), in bytes.</summary>
    private static long PeakRss()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmHWM:"))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        return -1;
    }
}
