using System.Diagnostics;
using System.Text.Json;
using SegMeasure.Core.Images;
using SegMeasure.Core.Segmentation.Cellpose;

namespace SegMeasure.Bench.Segmentation;

/// <summary>
/// Cellpose-architecture inference per 512² image (9 tiles of 224, Cellpose's tiling) on the CPU
/// through ONNX Runtime, against torch running Cellpose's own run_net on the same network in the
/// same run (<c>cellpose_torch_baseline.py</c>, which needs Debian's python3-torch and a local copy
/// of Cellpose's source, <c>--cellpose-src</c>); and flows-to-masks time on real flows.
/// </summary>
public sealed class CellposeBenchmark : IBenchmark
{
    public string Name => "cellpose";

    public string Description => "Cellpose-architecture ONNX inference per 512^2 tile on the CPU vs torch (Cellpose's run_net), and flows-to-masks time";

    public int Run(string[] args)
    {
        int runs = int.Parse(BenchmarkTools.Option(args, "--runs", "5"));
        int width = int.Parse(BenchmarkTools.Option(args, "--nbase", "32"));
        string? source = BenchmarkTools.Option(args, "--cellpose-src", "") is { Length: > 0 } s ? s : null;
        string python = Environment.GetEnvironmentVariable("SEGMEASURE_PYTHON") ?? "/usr/bin/python3";
        string repo = RepositoryRoot();
        var directory = Directory.CreateTempSubdirectory("cellpose-bench-").FullName;
        try
        {
            string model = Path.Combine(repo, "tests", "reference", "segmentation", "cases", "cellpose_tiny.onnx");
            double[]? torchSeconds = null, torchCpu = null;
            if (source is not null && File.Exists(python))
            {
                string script = Path.Combine(AppContext.BaseDirectory, "Segmentation", "cellpose_torch_baseline.py");
                var start = new ProcessStartInfo(python, [script, repo, source, width.ToString(), runs.ToString(), directory]) { RedirectStandardError = true };
                using var process = Process.Start(start)!;
                string error = process.StandardError.ReadToEnd();
                process.WaitForExit();
                if (process.ExitCode != 0)
                {
                    Console.Error.WriteLine($"torch baseline failed: {error}");
                    return 1;
                }

                model = Path.Combine(directory, "model.onnx");
                using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "torch.json")));
                torchSeconds = json.RootElement.GetProperty("seconds").EnumerateArray().Select(e => e.GetDouble()).ToArray();
                torchCpu = json.RootElement.GetProperty("cpu_seconds").EnumerateArray().Select(e => e.GetDouble()).ToArray();
                Console.WriteLine($"network: CPnet nbase 2,{width},{2 * width},{4 * width},{8 * width} (random weights), torch {json.RootElement.GetProperty("torch").GetString()} with {json.RootElement.GetProperty("threads").GetInt32()} threads");
            }
            else
            {
                Console.WriteLine("network: the committed narrow CPnet (nbase 2,8,16,32,64); torch baseline skipped (give --cellpose-src DIR with python3-torch installed)");
            }

            var warnings = new List<string>();
            using var onnx = OnnxCellposeModel.Open(model, useGpu: false, warnings);
            var random = new Random(0);
            var image = Enumerable.Range(0, 512 * 512).Select(_ => random.NextDouble()).ToArray();
            var options = new CellposeOptions();
            var ours = BenchmarkTools.TimeWithCpu(runs + 1, () => CellposeInference.Predict(image, 512, 512, onnx, options, warnings)).Skip(1).ToArray();
            double oursMedian = BenchmarkTools.Median(ours.Select(t => t.Wall).ToArray());
            double oursCpu = BenchmarkTools.Median(ours.Select(t => t.Cpu).ToArray());
            Console.WriteLine($"ours (ONNX Runtime {typeof(Microsoft.ML.OnnxRuntime.InferenceSession).Assembly.GetName().Version}, CPU): " +
                $"{oursMedian:F3} s per 512² tile (median of {runs}; {BenchmarkTools.Format(ours.Select(t => t.Wall))}), CPU {oursCpu:F3} s");
            if (torchSeconds is not null)
            {
                double torchMedian = BenchmarkTools.Median(torchSeconds);
                double torchCpuMedian = BenchmarkTools.Median(torchCpu!);
                Console.WriteLine($"torch (Cellpose run_net):          {torchMedian:F3} s per 512² tile (median of {runs}; {BenchmarkTools.Format(torchSeconds)}), CPU {torchCpuMedian:F3} s");
                Console.WriteLine($"ratio torch / ours: {torchMedian / oursMedian:F2} wall, {torchCpuMedian / oursCpu:F2} CPU");
            }

            // Flows to masks on flows made from a real 512² nuclei label image (Cellpose's dynamics, no network).
            var labels = ImageFile.ReadLabels(Path.Combine(repo, "tests", "data", "real", "stardist", "dsb2018_mask2d.tif"));
            int h = labels.Shape.Height, w = labels.Shape.Width;
            var (dy, dx) = MasksToFlows.Compute2D(labels.Data, h, w);
            var flows = new CellposeFlows(dy.Select(v => (float)(5 * v)).ToArray(), dx.Select(v => (float)(5 * v)).ToArray(),
                labels.Data.Select(l => l != 0 ? 5f : -5f).ToArray(), h, w);
            uint objects = 0;
            double masksMedian = BenchmarkTools.MedianWall(runs, () => objects = CellposeDynamics.ComputeMasks(flows, new CellposeMaskOptions()).Max());
            double flowsMedian = BenchmarkTools.MedianWall(runs, () => MasksToFlows.Compute2D(labels.Data, h, w));
            Console.WriteLine($"flows to masks ({h}x{w}, {objects} objects): {masksMedian:F3} s median; masks to flows: {flowsMedian:F3} s median");
            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SegMeasure.PowerShell.sln"))) return dir.FullName;
        throw new InvalidOperationException("cannot find SegMeasure.PowerShell.sln above the benchmark");
    }
}
