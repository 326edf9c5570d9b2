using System.Diagnostics;
using SegMeasure.Core.Fuzzing;
using SegMeasure.Core.Images;

namespace SegMeasure.Bench;

/// <summary>
/// The long run of the readers' mutation fuzz (the tests run a few thousand iterations):
/// mutants of the TIFF conformance files, or of the Zarr reference stores, read in-process.
/// Prints the findings (untyped errors, errors not naming the file, slow or greedy reads) and
/// exits 1 when there are any.
/// </summary>
public sealed class FuzzBenchmark : IBenchmark
{
    public string Name => "fuzz";

    public string Description => "mutation fuzz of the readers  [--format tiff|zarr] [--iterations N (130000)] [--seed S] [--data DIR] [--dir DIR]";

    public int Run(string[] args)
    {
        var format = BenchmarkTools.Option(args, "--format", "tiff");
        int iterations = int.Parse(BenchmarkTools.Option(args, "--iterations", "130000"));
        int seed = int.Parse(BenchmarkTools.Option(args, "--seed", "1"));
        var root = BenchmarkTools.RepositoryRoot();
        var data = BenchmarkTools.Option(args, "--data", format == "zarr"
            ? Path.Combine(root, "tests", "reference", "zarr")
            : Path.Combine(root, "tests", "data", "tiff-conformance"));
        var work = Path.Combine(BenchmarkTools.Option(args, "--dir", Path.GetTempPath()), $"segmeasure-fuzz-{Environment.ProcessId}");
        Directory.CreateDirectory(work);
        try
        {
            var (sources, mutants) = format switch
            {
                "tiff" => (Directory.GetFiles(data, "*.tif").Where(f => !Path.GetFileName(f).StartsWith("malformed_")).Order().ToList(),
                           FuzzCampaign.FileMutants(work)),
                "zarr" => (ZarrFuzzSources.Stores(data), FuzzCampaign.FolderMutants(work)),
                _ => throw new ArgumentException($"unknown --format {format} (tiff or zarr)"),
            };
            Console.WriteLine($"fuzz: {format}, {sources.Count} sources from {data}, {iterations} iterations, seed {seed}");
            var clock = Stopwatch.StartNew();
            var report = new FuzzCampaign(sources, mutants, path => ImageFile.ReadIntensity(path)).Run(seed, iterations);
            Console.WriteLine($"{report} in {clock.Elapsed.TotalSeconds:F0} s");
            foreach (var f in report.Findings.Take(50)) Console.WriteLine($"  #{f.Iteration} {Path.GetFileName(f.Source)}: {f.Problem}");
            return report.Findings.Count == 0 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
