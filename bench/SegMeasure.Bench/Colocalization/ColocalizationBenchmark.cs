using System.Diagnostics;
using System.Text.Json;
using SegMeasure.Core.Colocalization;
using SegMeasure.Core.Images;

namespace SegMeasure.Bench.Colocalization;

/// <summary>
/// Per-region colocalization (every COLUMNS metric, Costes thresholds) of a 2048² uint16 pair
/// with about 2 000 regions, ours against the reference's per-region numpy loop
/// (<c>colocalization_baseline.py</c>, Debian's python3), in the same run.
/// </summary>
public sealed class ColocalizationBenchmark : IBenchmark
{
    public string Name => "colocalization";

    public string Description => "per-region colocalization (all metrics, Costes) of a 2048^2 pair with ~2000 regions vs the reference's numpy loop";

    public int Run(string[] args)
    {
        int side = int.Parse(BenchmarkTools.Option(args, "--size", "2048"));
        int runs = int.Parse(BenchmarkTools.Option(args, "--runs", "3"));
        int timedRegions = int.Parse(BenchmarkTools.Option(args, "--baseline-regions", "100"));
        var (a, b, labels) = Scene(side, cellsPerSide: 45);
        int regions = labels.Data.Where(v => v != 0).Distinct().Count();
        Console.WriteLine($"scene: {side} x {side}, {regions} regions");

        var options = new ColocalizationOptions { Metrics = ColocalizationMetrics.Parse(BenchmarkTools.Option(args, "--metrics", "pcc,srcc,icq,overlap,mcc")) };
        ColocalizationResult? result = null;
        double oursWall = BenchmarkTools.MedianWall(runs, () => result = ColocalizationAnalysis.Pairwise(a, b, labels, options));
        double oursCpu = BenchmarkTools.MedianCpu(runs, () => ColocalizationAnalysis.Pairwise(a, b, labels, options));
        Console.WriteLine($"ours:      {oursWall:F3} s wall, {oursCpu:F3} s CPU ({result!.Table.RowCount} rows, {result.Warnings.Count} warnings)");

        if (args.Contains("--no-baseline")) return 0;
        string python = Environment.GetEnvironmentVariable("SEGMEASURE_PYTHON") ?? "/usr/bin/python3";
        if (!File.Exists(python))
        {
            Console.WriteLine($"baseline skipped: {python} not found");
            return 0;
        }

        var directory = Directory.CreateTempSubdirectory("coloc-bench-").FullName;
        try
        {
            var files = new BaselineImages(directory);
            string pathA = files.PathOf(a, "a")!, pathB = files.PathOf(b, "b")!, pathLabels = files.PathOf(labels, "labels")!;
            string output = Path.Combine(directory, "baseline.json");
            string script = Path.Combine(AppContext.BaseDirectory, "Colocalization", "colocalization_baseline.py");
            var start = new ProcessStartInfo(python, [script, BenchmarkTools.RepositoryRoot(), pathA, pathB, pathLabels, timedRegions.ToString(), output]) { RedirectStandardError = true };
            using (var process = Process.Start(start)!)
            {
                string error = process.StandardError.ReadToEnd();
                process.WaitForExit();
                if (process.ExitCode != 0)
                {
                    Console.Error.WriteLine($"baseline failed: {error}");
                    return 1;
                }
            }

            using var doc = JsonDocument.Parse(File.ReadAllText(output));
            foreach (var (key, label) in new[] { ("reference_shaped", "reference loop (indexes per metric, as the reference)"), ("lean", "lean loop (indexes once per region)") })
            {
                var baseline = doc.RootElement.GetProperty(key);
                double baseWall = baseline.GetProperty("wall").GetDouble(), baseCpu = baseline.GetProperty("cpu").GetDouble();
                Console.WriteLine($"{label}: {baseWall:F1} s wall, {baseCpu:F1} s CPU (timed on {baseline.GetProperty("timed").GetInt32()} of {baseline.GetProperty("regions").GetInt32()} regions, extrapolated)");
                Console.WriteLine($"  ratio: {baseWall / oursWall:F0}x wall, {baseCpu / oursCpu:F0}x CPU");
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }

        return 0;
    }

    /// <summary>
    /// A grid of square cells with jittered sizes (so some background remains); channel B follows
    /// channel A in half of the cells, is independent in a quarter and anti-correlated in the rest.
    /// </summary>
    private static (IntensityImage A, IntensityImage B, LabelImage Labels) Scene(int side, int cellsPerSide)
    {
        var random = new Random(12345);
        var labels = new uint[side * side];
        var a = new ushort[side * side];
        var b = new ushort[side * side];
        int cell = side / cellsPerSide;
        uint next = 1;
        for (int gy = 0; gy < cellsPerSide; gy++)
            for (int gx = 0; gx < cellsPerSide; gx++)
            {
                int margin = random.Next(1, cell / 4);
                for (int y = gy * cell + margin; y < (gy + 1) * cell - margin; y++)
                    for (int x = gx * cell + margin; x < (gx + 1) * cell - margin; x++)
                        labels[y * side + x] = next;
                next++;
            }

        for (int i = 0; i < a.Length; i++)
        {
            int baseline = 200 + random.Next(3000);
            a[i] = (ushort)baseline;
            uint label = labels[i];
            int kind = (int)(label % 4);
            b[i] = (ushort)(kind switch
            {
                0 or 1 => baseline / 2 + random.Next(500),
                2 => random.Next(3500),
                _ => 4000 - baseline + random.Next(200),
            });
        }

        var shape = ImageShape.Of2D(side, side);
        return (IntensityImage.Create(a, shape), IntensityImage.Create(b, shape), new LabelImage(labels, shape));
    }
}
