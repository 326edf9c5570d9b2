using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using SegMeasure.Core.Measurement.Geometry;

namespace SegMeasure.Bench.Geometry;

/// <summary>
/// Geometry kernels (convex hull image, marching-cubes surface area, maximum Feret diameter)
/// against scikit-image on the same objects, in the same run. Prints medians per object and ratios.
/// dotnet run -c Release --project bench/SegMeasure.Geometry.Bench
/// </summary>
public sealed class GeometryBenchmark : IBenchmark
{
    public string Name => "geometry";

    public string Description => "convex hull image, marching-cubes surface area and Feret diameter vs scikit-image on the same objects";

    public int Run(string[] args)
    {
        string python = Environment.GetEnvironmentVariable("SEGMEASURE_PYTHON") ?? "/usr/bin/python3";
        string script = Path.Combine(AppContext.BaseDirectory, "Geometry", "geometry_baseline.py");
        string baselineFile = Path.Combine(Path.GetTempPath(), $"geometry-bench-{Environment.ProcessId}.json");
        Console.WriteLine("running the scikit-image baseline ...");
        using (var process = Process.Start(new ProcessStartInfo(python, [script, baselineFile]) { RedirectStandardError = true })!)
        {
            string error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                Console.Error.WriteLine($"baseline failed ({python}): {error}");
                return 1;
            }
        }
        using var doc = JsonDocument.Parse(File.ReadAllText(baselineFile));
        File.Delete(baselineFile);

        Console.WriteLine($"{"objects",-12} {"kernel",-8} {"skimage ms",11} {"ours ms",9} {"ratio",8}");
        foreach (var group in doc.RootElement.EnumerateArray())
        {
            var masks = new List<ObjectMask>();
            var baseline = new Dictionary<string, List<double>> { ["hull"] = new(), ["surface"] = new(), ["feret"] = new() };
            foreach (var o in group.GetProperty("objects").EnumerateArray())
            {
                masks.Add(Decode(o));
                foreach (var kernel in baseline.Keys)
                    if (o.TryGetProperty(kernel, out var seconds))
                        baseline[kernel].Add(seconds.GetDouble() * 1e3);
            }
            var kernels = new (string Name, Action<ObjectMask> Run)[]
            {
                ("hull", m => ConvexHullImage.VoxelCount(m)),
                ("surface", m => SurfaceArea.MarchingCubes(m, 1, 1, 1)),
                ("feret", m => FeretDiameter.Max(m, 1, 1, 1)),
            };
            foreach (var (name, run) in kernels)
            {
                if (baseline[name].Count == 0)
                    continue;
                foreach (var m in masks) // warm-up so the JIT has optimised the code
                    run(m);
                var ours = masks.Select(m => BenchmarkTools.MedianWall(5, () => run(m)) * 1000).ToList();
                double b = BenchmarkTools.Median(baseline[name]), o = BenchmarkTools.Median(ours);
                Console.WriteLine($"{group.GetProperty("name").GetString(),-12} {name,-8} {b,11:F3} {o,9:F3} {b / o,7:F0}x");
            }
        }
        return 0;

        static ObjectMask Decode(JsonElement o)
        {
            int[] shape = o.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            bool is2D = shape.Length == 2;
            int depth = is2D ? 1 : shape[0], height = shape[^2], width = shape[^1];
            using var input = new ZLibStream(new MemoryStream(Convert.FromBase64String(o.GetProperty("mask").GetString()!)), CompressionMode.Decompress);
            using var bytes = new MemoryStream();
            input.CopyTo(bytes);
            var packed = bytes.ToArray();
            var voxels = new bool[depth * height * width];
            for (int i = 0; i < voxels.Length; i++)
                voxels[i] = (packed[i >> 3] >> (7 - (i & 7)) & 1) != 0;
            return new ObjectMask(voxels, depth, height, width, is2D);
        }
    }
}
