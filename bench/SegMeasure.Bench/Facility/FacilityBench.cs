using System.Diagnostics;
using SegMeasure.Bench.Measurement;
using SegMeasure.Core.Images;
using SegMeasure.Core.Tiff;

namespace SegMeasure.Bench.Facility;

/// <summary>
/// What a facility pays per process and per file: the cold start of <c>segmeasure --version</c>,
/// a whole-process <c>measure intensities</c> on 4096² with about 10 000 labels (uncompressed and Deflate TIFFs) against the reference
/// CLI's whole process (the Python tool's functions in Debian's python3), and a 1 000-file sweep's
/// files per second with <c>--jobs 1</c> and <c>--jobs 2</c>. Every figure is a whole process, timed
/// from outside, as a scheduler or a cluster array task starts it.
/// </summary>
public sealed class FacilityBench : IBenchmark
{
    private const string Python = "/usr/bin/python3";

    public string Name => "facility";

    public string Description => "cold start, whole-process intensities vs the reference CLI, 1000-file sweep files/s (--jobs 1 vs 2)";

    public int Run(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int runs = int.Parse(Value("--runs") ?? "5");
        int files = int.Parse(Value("--files") ?? "1000");
        var repo = BenchmarkTools.RepositoryRoot();
        var programs = new List<(string Name, string[] Command)>
        {
            ("JIT (dotnet segmeasure.dll)", ["dotnet", Value("--dll") ?? Path.Combine(repo, "src", "SegMeasure.Cli", "bin", "Release", "net8.0", "segmeasure.dll")]),
        };
        if (Value("--aot") is { } aot) programs.Add(("native AOT", [aot]));
        foreach (var (name, command) in programs)
            if (!File.Exists(command[^1])) { Console.Error.WriteLine($"{name}: {command[^1]} not found (build or publish it first)"); return 2; }

        var dir = Directory.CreateTempSubdirectory("segmeasure-facility-bench-").FullName;
        try
        {
            Console.WriteLine($"Facility benchmark ({Environment.ProcessorCount} cores); medians of {runs} runs, whole processes");

            Console.WriteLine("\ncold start: segmeasure --version");
            foreach (var (name, command) in programs)
                Console.WriteLine($"  {name}: {Median(runs, () => Time(command, ["--version"], dir)) * 1000:F1} ms");

            var labels = SyntheticImages.Discs(4096, 4096, 10_000, seed: 1);
            var intensity = SyntheticImages.Intensity(labels, seed: 2);
            // The same pixels stored two ways: uncompressed, as the reference tool (tifffile's
            // default) and segmentation tools such as Cellpose write them, and Deflate, SegMeasure's default.
            foreach (var (storage, compression) in new[] { ("uncompressed", TiffCompression.None), ("Deflate", TiffCompression.Deflate) })
            {
                Console.WriteLine($"\nwhole process: measure intensities, 4096x4096, ~10 000 labels, {storage} TIFFs");
                var seg = Path.Combine(dir, $"cells-{storage}.tif");
                var raw = Path.Combine(dir, $"raw-{storage}.tif");
                ImageFile.WriteLabels(seg, labels, new TiffWriteOptions { Compression = compression });
                ImageFile.WriteIntensity(raw, intensity, new TiffWriteOptions { Compression = compression });
                var ours = new Dictionary<string, double>();
                foreach (var (name, command) in programs)
                {
                    ours[name] = Median(runs, () => Time(command, ["measure", "intensities", "--segmentation", seg, "--intensity", raw, "--output", Path.Combine(dir, "t.csv"), "--force"], dir));
                    Console.WriteLine($"  {name}: {ours[name]:F3} s");
                }

                if (File.Exists(Python) && !args.Contains("--no-baseline"))
                {
                    var script = Path.Combine(AppContext.BaseDirectory, "Facility", "reference_intensities.py");
                    double reference = Median(Math.Min(runs, 2), () => Time([Python, script], [seg, raw, Path.Combine(dir, "reference.csv")], dir));
                    Console.WriteLine($"  reference CLI (python3, scikit-image regionprops, pandas): {reference:F2} s");
                    foreach (var (name, seconds) in ours) Console.WriteLine($"  ratio reference / {name}: {reference / seconds:F1}x");
                }
                else Console.WriteLine($"  reference skipped: {Python} with scikit-image, tifffile and pandas not found");
            }

            Console.WriteLine($"\nsweep: measure morphology over {files} files of 256x256 (~40 labels each), --output-dir");
            var small = SyntheticImages.Discs(256, 256, 40, seed: 3);
            var sweep = Directory.CreateDirectory(Path.Combine(dir, "plate")).FullName;
            ImageFile.WriteLabels(Path.Combine(sweep, "f00000.tif"), small);
            for (int i = 1; i < files; i++) File.Copy(Path.Combine(sweep, "f00000.tif"), Path.Combine(sweep, $"f{i:D5}.tif"));
            foreach (var (name, command) in programs)
                foreach (int jobs in new[] { 1, 2 })
                {
                    var outputs = Path.Combine(dir, $"out-{jobs}");
                    double seconds = Median(Math.Min(runs, 3), () =>
                    {
                        if (Directory.Exists(outputs)) Directory.Delete(outputs, true);
                        Directory.CreateDirectory(outputs);
                        return Time(command, ["measure", "morphology", "--segmentation", Path.Combine(sweep, "*.tif"), "--output-dir", outputs, "--jobs", jobs.ToString()], dir);
                    });
                    Console.WriteLine($"  {name}, --jobs {jobs}: {files / seconds:F0} files/s ({seconds:F2} s)");
                }

            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static double Time(string[] command, string[] arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(command[0]) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in command.Skip(1).Concat(arguments)) start.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        double seconds = clock.Elapsed.TotalSeconds;
        if (process.ExitCode != 0) throw new InvalidOperationException($"{string.Join(' ', command)} {string.Join(' ', arguments)}: exit {process.ExitCode}: {error.Result}");
        return seconds;
    }

    private static double Median(int runs, Func<double> run)
    {
        var times = Enumerable.Range(0, runs).Select(_ => run()).Order().ToList();
        return times[times.Count / 2];
    }
}
