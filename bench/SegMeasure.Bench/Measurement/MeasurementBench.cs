using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SegMeasure.Core.Images;
using SegMeasure.Core.Measurement;
using SegMeasure.Core.Measurement.Engine;
using SegMeasure.Core.Tiff;

namespace SegMeasure.Bench.Measurement;

/// <summary>
/// Intensity, morphology (2D/3D) and cell–nucleus measurement against the reference tool's
/// scikit-image functions on the same synthetic images, timed in the same run; then the growth
/// of SegMeasure's time from 1 000 to 100 000 labels at a fixed pixel count.
/// Options: --quick (smaller images), --no-baseline (SegMeasure only), --runs N (default 3),
/// --scaling-only (just the growth from 1 000 to 100 000 labels), --scaling-side N (the growth on
/// N×N pixels only; the default reports it at both the 10 000- and the 100 000-label image sizes).
/// </summary>
public static class MeasurementBench
{
    private const string Python = "/usr/bin/python3";

    private sealed record Case(string Name, string Kind, LabelImage Labels, IntensityImage? Intensity, LabelImage? Nuclei, int? BaselineLimit);

    public static int Run(string[] args)
    {
        bool quick = args.Contains("--quick");
        bool baseline = !args.Contains("--no-baseline") && File.Exists(Python);
        int runs = args.SkipWhile(a => a != "--runs").Skip(1).Select(int.Parse).DefaultIfEmpty(3).First();
        if (!args.Contains("--no-baseline") && !File.Exists(Python))
            Console.WriteLine($"baseline skipped: {Python} (with scikit-image, tifffile) not found");

        int side = quick ? 2048 : 4096, bigSide = quick ? 4096 : 8192, depth = quick ? 32 : 64;
        // The growth is reported at the pixel count of the 10 000-label image and at that of the
        // 100 000-label one: the larger the objects, the smaller the share of boundary work.
        int[] scalingSides = args.SkipWhile(a => a != "--scaling-side").Skip(1).Take(1).Select(int.Parse).ToArray() is [var only]
            ? [only] : [side, bigSide];
        if (args.Contains("--scaling-only"))
        {
            Console.WriteLine($"Label scaling ({Environment.ProcessorCount} cores); median of {runs} runs");
            foreach (int s in scalingSides) Scaling(s, runs);
            return 0;
        }

        int labels2D = quick ? 2_500 : 10_000, labelsBig = quick ? 25_000 : 100_000;
        Console.WriteLine($"Measurement benchmark ({Environment.ProcessorCount} cores{(quick ? ", quick sizes" : "")}); median of {runs} runs");

        var cells = SyntheticImages.Discs(side, side, labels2D, seed: 1);
        var cellIntensity = SyntheticImages.Intensity(cells, seed: 2);
        var nuclei = SyntheticImages.NucleiOf(cells);
        var volume = SyntheticImages.Balls(depth, 512, 512, 500, seed: 3);
        var big = SyntheticImages.Discs(bigSide, bigSide, labelsBig, seed: 4);
        var bigIntensity = SyntheticImages.Intensity(big, seed: 5);

        string dims = $"{side}x{side}", bigDims = $"{bigSide}x{bigSide}", volDims = $"{depth}x512x512";
        var cases = new List<Case>
        {
            // Limits: the reference measures that many regions and its loop time is extrapolated.
            new($"intensity 2D {dims}, {Count(cells)} labels", "intensity", cells, cellIntensity, null, 4_000),
            new($"morphology 2D {dims}, {Count(cells)} labels", "morphology", cells, null, null, 2_000),
            new($"cell-nucleus 2D {dims}, {Count(cells)} cells, with intensity", "cell_nucleus", cells, cellIntensity, nuclei, 100),
            new($"morphology 3D {volDims}, {Count(volume)} labels", "morphology", volume, null, null, 150),
            new($"intensity 2D {bigDims}, {Count(big)} labels", "intensity", big, bigIntensity, null, 10_000),
            new($"morphology 2D {bigDims}, {Count(big)} labels", "morphology", big, null, null, 3_000),
        };

        var ours = cases.ToDictionary(c => c.Name, c => Median(runs, () => Measure(c)));
        Dictionary<string, JsonElement>? reference = baseline ? RunBaseline(cases) : null;

        Console.WriteLine();
        foreach (var c in cases)
        {
            var (wall, cpu) = ours[c.Name];
            string line = $"{c.Name}: SegMeasure {wall:F3} s (cpu {cpu:F3} s)";
            if (reference is not null && reference.TryGetValue(c.Name, out var r))
            {
                double seconds = r.GetProperty("seconds").GetDouble(), cpuSeconds = r.GetProperty("cpu_seconds").GetDouble();
                string how = r.GetProperty("extrapolated").GetBoolean()
                    ? $", extrapolated from {r.GetProperty("measured").GetInt32()} of {r.GetProperty("total").GetInt32()} regions" : "";
                line += $", scikit-image reference {seconds:F2} s (cpu {cpuSeconds:F2} s{how}), ratio {seconds / wall:F1}x (cpu ratio {cpuSeconds / cpu:F1}x)";
            }

            Console.WriteLine(line);
        }

        Console.WriteLine();
        foreach (int s in scalingSides) Scaling(s, runs);
        return 0;
    }

    /// <summary>SegMeasure's time at a fixed pixel count with 1 000 and 100 000 labels.</summary>
    private static void Scaling(int side, int runs)
    {
        var few = SyntheticImages.Discs(side, side, 1_000, seed: 6);
        var many = SyntheticImages.Discs(side, side, 100_000, seed: 7);
        foreach (var kind in new[] { "intensity", "morphology" })
        {
            var a = new Case("", kind, few, SyntheticImages.Intensity(few, 8), null, null);
            var b = new Case("", kind, many, SyntheticImages.Intensity(many, 9), null, null);
            var (ta, tb) = MedianPair(runs, () => Measure(a), () => Measure(b));
            // The growth ratio mixes per-pixel and per-label work; the time per added label isolates the latter.
            double added = Count(many) - Count(few);
            Console.WriteLine($"label scaling {kind} 2D {side}x{side}: {Count(few)} labels {ta.Wall:F3} s (cpu {ta.Cpu:F3} s), " +
                $"{Count(many)} labels {tb.Wall:F3} s (cpu {tb.Cpu:F3} s), growth {tb.Wall / ta.Wall:F2}x (cpu {tb.Cpu / ta.Cpu:F2}x), " +
                $"per added label {(tb.Wall - ta.Wall) / added * 1e6:F2} µs (cpu {(tb.Cpu - ta.Cpu) / added * 1e6:F2} µs)");
        }
    }

    private static int Count(LabelImage labels) => LabelSlots.Collect(labels).Count;

    private static void Measure(Case c)
    {
        switch (c.Kind)
        {
            case "intensity": IntensityMeasurement.Measure(c.Labels, c.Intensity!); break;
            case "morphology": MorphologyMeasurement.Measure(c.Labels); break;
            default: CellNucleusMeasurement.Measure(c.Labels, c.Nuclei!, new CellNucleusOptions { Intensity = c.Intensity }); break;
        }
    }

    /// <summary>
    /// Medians of two actions timed alternately, so that a change in the machine's load during the
    /// runs falls on both alike and leaves their ratio alone.
    /// </summary>
    private static ((double Wall, double Cpu) A, (double Wall, double Cpu) B) MedianPair(int runs, Action a, Action b)
    {
        a(); // warm-up: JIT and first-touch allocations
        b();
        var timesA = new List<(double, double)>();
        var timesB = new List<(double, double)>();
        for (int i = 0; i < runs; i++)
        {
            timesA.Add(BenchmarkTools.TimeWithCpu(1, a)[0]);
            timesB.Add(BenchmarkTools.TimeWithCpu(1, b)[0]);
        }

        timesA.Sort();
        timesB.Sort();
        return (timesA[timesA.Count / 2], timesB[timesB.Count / 2]);
    }

    /// <summary>Median wall-clock and process CPU seconds (CPU time is robust on a shared machine).</summary>
    private static (double Wall, double Cpu) Median(int runs, Action action)
    {
        action(); // warm-up: JIT and first-touch allocations
        var times = BenchmarkTools.TimeWithCpu(runs, action).ToList();
        times.Sort();
        return times[times.Count / 2];
    }

    private static Dictionary<string, JsonElement>? RunBaseline(List<Case> cases)
    {
        var dir = Directory.CreateTempSubdirectory("segmeasure-bench-").FullName;
        try
        {
            var images = new BaselineImages(dir);

            var tasks = cases.Select(c => new Dictionary<string, object?>
            {
                ["name"] = c.Name,
                ["kind"] = c.Kind,
                ["labels"] = images.PathOf(c.Labels, "labels"),
                ["intensity"] = images.PathOf(c.Intensity, "intensity"),
                ["nuclei"] = images.PathOf(c.Nuclei, "nuclei"),
                ["limit"] = c.BaselineLimit,
            }).ToList();
            var taskFile = Path.Combine(dir, "tasks.json");
            var resultFile = Path.Combine(dir, "result.json");
            File.WriteAllText(taskFile, JsonSerializer.Serialize(tasks));
            var script = Path.Combine(AppContext.BaseDirectory, "Measurement", "measurement_baseline.py");
            var info = new ProcessStartInfo(Python, [script, taskFile, resultFile]) { RedirectStandardError = false };
            using var process = Process.Start(info)!;
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                Console.WriteLine($"baseline failed with exit code {process.ExitCode}");
                return null;
            }

            using var doc = JsonDocument.Parse(File.ReadAllText(resultFile));
            return doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
