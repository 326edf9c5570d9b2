using System.Diagnostics;
using System.Text.Json;
using SegMeasure.Bench.Measurement;
using SegMeasure.Core.Images;
using SegMeasure.Core.Postprocessing;
using SegMeasure.Core.Tiff;

namespace SegMeasure.Bench.Postprocessing;

/// <summary>
/// Every post-processing operation on a 4096×4096 image with about 10 000 labels and on a
/// 64×512×512 stack, next to the reference tool's per-label code (or scikit-image's
/// equivalent) run by Debian's Python on the same images in the same run. Per-label baselines
/// that would take too long are timed on their first labels and extrapolated linearly (the
/// output says so). Options: --quick (smaller images), --no-baseline, --runs N (default 3), --only TEXT (cases whose name contains TEXT).
/// </summary>
public static class PostprocessingBench
{
    private const string Python = "/usr/bin/python3";

    private sealed record Case(string Name, string Op, LabelImage Labels, Func<object> Ours, Dictionary<string, object> Params,
        int? Limit = null, IntensityImage? Heatmap = null, LabelImage? Nuclei = null);

    public static int Run(string[] args)
    {
        bool quick = args.Contains("--quick");
        bool baseline = !args.Contains("--no-baseline") && File.Exists(Python);
        int runs = args.SkipWhile(a => a != "--runs").Skip(1).Select(int.Parse).DefaultIfEmpty(3).First();
        string? only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault();
        int side = quick ? 1024 : 4096, depth = quick ? 16 : 64, labels2D = quick ? 1_000 : 10_000;
        Console.WriteLine($"Post-processing benchmark ({Environment.ProcessorCount} cores{(quick ? ", quick sizes" : "")}); SegMeasure median of {runs} runs");

        var cells = PunchHoles(SyntheticImages.Discs(side, side, labels2D, seed: 11), side * side / 600, seed: 12);
        var heat2D = SmoothNoise(cells.Shape, seed: 13);
        var nuclei = SyntheticImages.NucleiOf(cells);
        var volume = PunchHoles(SyntheticImages.Balls(depth, 512, 512, quick ? 300 : 2_000, seed: 14), depth * 512 * 512 / 600, seed: 15);
        var heat3D = SmoothNoise(volume.Shape, seed: 16);
        string d2 = $"2D {side}x{side}, {LabelCounts.Of(cells).SegmentCount} labels";
        string d3 = $"3D {depth}x512x512, {LabelCounts.Of(volume).SegmentCount} labels";

        var cases = new List<Case>
        {
            new($"filter-small-segments {d2}", "filter", cells, () => SmallSegmentFilter.Apply(cells, 200), new() { ["min_size"] = 200 }, 50),
            new($"remove-small-holes {d2}", "holes", cells, () => HoleFilling.Apply(cells, 10), new() { ["max_hole_size"] = 10 }, quick ? 20 : 4),
            new($"ring-mask width 5 {d2}", "ring", cells, () => RingMask.Apply(cells, 5), new() { ["ring_width"] = 5 }, quick ? 30 : 6),
            new($"ring-mask nearest 5.0 (expand_labels) {d2}", "expand", cells, () => RingMask.ApplyNearest(cells, 5.0), new() { ["distance"] = 5.0 }),
            new($"watershed {d2}", "watershed", cells, () => Watershed.Apply(cells, heat2D), new(), Heatmap: heat2D),
            new($"shape-filter (features + criteria) {d2}", "shape", cells, () => ShapeFilter.Apply(cells), new(), quick ? 300 : 1_000),
            new($"match-masks {d2}", "match", cells, () => MaskMatching.Match(nuclei, cells), new(), 300, Nuclei: nuclei),
            new($"filter-small-segments {d3}", "filter", volume, () => SmallSegmentFilter.Apply(volume, 200), new() { ["min_size"] = 200 }, 50),
            new($"remove-small-holes {d3}", "holes", volume, () => HoleFilling.Apply(volume, 10), new() { ["max_hole_size"] = 10 }, quick ? 10 : 3),
            new($"ring-mask width 3 {d3}", "ring", volume, () => RingMask.Apply(volume, 3), new() { ["ring_width"] = 3 }, quick ? 10 : 4),
            new($"watershed {d3}", "watershed", volume, () => Watershed.Apply(volume, heat3D), new(), Heatmap: heat3D),
        };

        if (only is not null) cases = cases.Where(c => c.Name.Contains(only, StringComparison.Ordinal)).ToList();

        // Each case runs ours and then its baseline right away, so both see the same machine load.
        var dir = Directory.CreateTempSubdirectory("segmeasure-ppbench-").FullName;
        var lines = new List<string>();
        try
        {
            var images = new BaselineImages(dir);
            foreach (var c in cases)
            {
                double ours = BenchmarkTools.MedianWall(runs, () => c.Ours());
                string line = $"{c.Name}: SegMeasure {ours:F3} s";
                if (baseline && RunBaseline(c, dir, images) is { } r)
                {
                    double seconds = r.GetProperty("seconds").GetDouble();
                    string how = r.GetProperty("extrapolated").GetBoolean()
                        ? $" (extrapolated linearly from {r.GetProperty("measured").GetInt32()} of {r.GetProperty("total").GetInt32()} {(c.Op == "filter" ? "removed labels" : c.Op == "shape" ? "regions" : "labels")})" : "";
                    line += $", reference {seconds:F2} s{how}, ratio {seconds / ours:F1}x";
                }

                Console.WriteLine("  " + line);
                lines.Add(line);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        Console.WriteLine();
        foreach (var line in lines) Console.WriteLine(line);
        return 0;
    }

    /// <summary>Small background holes (1×1 to 3×3, or cubes in 3D) punched into segments at random places.</summary>
    private static LabelImage PunchHoles(LabelImage labels, int count, int seed)
    {
        var rng = new Random(seed);
        var data = (uint[])labels.Data.Clone();
        var s = labels.Shape;
        for (int k = 0; k < count; k++)
        {
            int z = rng.Next(s.Depth), y = rng.Next(1, s.Height - 4), x = rng.Next(1, s.Width - 4), size = rng.Next(1, 4);
            if (data[s.IndexOf(z, y, x)] == 0) continue;
            for (int dz = 0; dz < (s.Is2D ? 1 : Math.Min(size, s.Depth - z)); dz++)
            for (int dy = 0; dy < size; dy++)
            for (int dx = 0; dx < size; dx++)
                data[s.IndexOf(z + dz, y + dy, x + dx)] = 0;
        }

        return labels.WithData(data);
    }

    /// <summary>Uniform noise box-blurred along each axis (radius 2): a float32 landscape with shallow basins.</summary>
    private static IntensityImage SmoothNoise(ImageShape shape, int seed)
    {
        var rng = new Random(seed);
        var a = new float[shape.Length];
        for (long i = 0; i < a.LongLength; i++) a[i] = (float)rng.NextDouble();
        var b = new float[a.Length];
        void Blur(float[] from, float[] to, long stride, int length)
        {
            for (long i = 0; i < from.LongLength; i++)
            {
                long pos = i / stride % length;
                float sum = 0;
                int n = 0;
                for (int d = -2; d <= 2; d++)
                {
                    long p = pos + d;
                    if (p < 0 || p >= length) continue;
                    sum += from[i + d * stride];
                    n++;
                }

                to[i] = sum / n;
            }
        }

        Blur(a, b, 1, shape.Width);
        Blur(b, a, shape.Width, shape.Height);
        if (!shape.Is2D)
        {
            Blur(a, b, (long)shape.Width * shape.Height, shape.Depth);
            a = b;
        }

        return IntensityImage.Create(a, shape);
    }

    private static JsonElement? RunBaseline(Case c, string dir, BaselineImages images)
    {
        var task = new Dictionary<string, object?>
        {
            ["name"] = c.Name,
            ["op"] = c.Op,
            ["labels"] = images.PathOf(c.Labels, "labels"),
            ["heatmap"] = images.PathOf(c.Heatmap, "heatmap"),
            ["nuclei"] = images.PathOf(c.Nuclei, "nuclei"),
            ["params"] = c.Params,
            ["limit"] = c.Limit,
        };
        var taskFile = Path.Combine(dir, "tasks.json");
        var resultFile = Path.Combine(dir, "result.json");
        File.WriteAllText(taskFile, JsonSerializer.Serialize(new[] { task }));
        var script = Path.Combine(AppContext.BaseDirectory, "Postprocessing", "postprocessing_baseline.py");
        using var process = Process.Start(new ProcessStartInfo(Python, [script, taskFile, resultFile]))!;
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            Console.WriteLine($"baseline for {c.Name} failed with exit code {process.ExitCode}");
            return null;
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(resultFile));
        return doc.RootElement.GetProperty(c.Name).Clone();
    }
}
