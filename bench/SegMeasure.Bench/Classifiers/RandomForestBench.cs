using System.Diagnostics;
using System.Text.Json;
using SegMeasure.Core.Analysis;
using SegMeasure.Core.Analysis.Classifiers;

namespace SegMeasure.Bench.Classifiers;

/// <summary>
/// Random forest (and logistic regression) training on a synthetic 3-class table against
/// scikit-learn on the same rows, in the same run. scikit-learn uses n_jobs=1; ours is timed
/// single-threaded (the fair ratio) and with every core.
/// Options: --rows N (100000) --features N (20) --trees N (10) --repeats N (3).
/// </summary>
public static class RandomForestBench
{
    public static int Run(string[] args)
    {
        int rows = Option(args, "--rows", 100_000), features = Option(args, "--features", 20);
        int trees = Option(args, "--trees", 10), repeats = Option(args, "--repeats", 3);
        string python = Environment.GetEnvironmentVariable("SEGMEASURE_PYTHON") ?? "/usr/bin/python3";
        string script = Path.Combine(AppContext.BaseDirectory, "Classifiers", "random_forest_baseline.py");
        string dir = Directory.CreateTempSubdirectory("segmeasure-rf-bench-").FullName;
        try
        {
            Console.WriteLine($"random forest: {rows} rows x {features} features, 3 classes, {trees} trees, median of {repeats}; scikit-learn n_jobs=1");
            Console.WriteLine("each repeat runs scikit-learn, then ours, so both see the same machine load");
            // Wall and CPU seconds: on a shared machine CPU time is the steadier comparison.
            var sklearnForest = new List<(double, double)>();
            var sklearnLogistic = new List<(double, double)>();
            var oursSingle = new List<(double, double)>();
            var oursAll = new List<(double, double)>();
            var oursLogistic = new List<(double, double)>();
            string version = "";
            double sklearnAccuracy = 0;
            double[][]? scaled = null;
            int[]? y = null;
            RandomForest? model = null;
            for (int repeat = 0; repeat < repeats; repeat++)
            {
                var start = new ProcessStartInfo(python, [script, dir, rows.ToString(), features.ToString(), trees.ToString()])
                    { RedirectStandardOutput = true, RedirectStandardError = true };
                using var process = Process.Start(start)!;
                string output = process.StandardOutput.ReadToEnd(), error = process.StandardError.ReadToEnd();
                process.WaitForExit();
                if (process.ExitCode != 0)
                {
                    Console.Error.WriteLine($"baseline failed ({python}): {error}");
                    return 1;
                }

                using var baseline = JsonDocument.Parse(output);
                version = baseline.RootElement.GetProperty("sklearn").GetString()!;
                sklearnAccuracy = baseline.RootElement.GetProperty("forest_train_accuracy_first_tenth").GetDouble();
                sklearnForest.Add((baseline.RootElement.GetProperty("forest").GetDouble(), baseline.RootElement.GetProperty("forest_cpu").GetDouble()));
                sklearnLogistic.Add((baseline.RootElement.GetProperty("logistic").GetDouble(), baseline.RootElement.GetProperty("logistic_cpu").GetDouble()));

                if (scaled is null)
                {
                    var (x, labels) = Read(Path.Combine(dir, "data.bin"), rows, features);
                    y = labels;
                    scaled = Standardizer.Fit(x).Transform(x);
                    // Warm-up on a slice so the JIT has optimised the code before timing.
                    var slice = scaled.Take(Math.Min(rows, 2000)).ToArray();
                    RandomForest.Fit(slice, y.Take(slice.Length).ToArray(), 3, 2, seed: 0, maxDegreeOfParallelism: 1);
                    LogisticRegression.Fit(slice, y.Take(slice.Length).ToArray(), 3);
                }

                oursSingle.Add(Once(() => model = RandomForest.Fit(scaled, y!, 3, trees, seed: 0, maxDegreeOfParallelism: 1)));
                oursAll.Add(Once(() => RandomForest.Fit(scaled, y!, 3, trees, seed: 0)));
                oursLogistic.Add(Once(() => LogisticRegression.Fit(scaled, y!, 3)));
            }

            int check = rows / 10, correct = 0;
            for (int i = 0; i < check; i++)
            {
                var p = model!.PredictProbabilities(scaled![i]);
                if (Array.IndexOf(p, p.Max()) == y![i]) correct++;
            }

            Console.WriteLine($"scikit-learn {version}, {Environment.ProcessorCount} cores; medians");
            Console.WriteLine($"{"task",-40} {"sklearn s",10} {"ours s",9} {"ratio",7} {"sklearn cpu",12} {"ours cpu",9} {"cpu ratio",9}");
            Print("random forest fit, 1 thread", sklearnForest, oursSingle);
            Print($"random forest fit, {Environment.ProcessorCount} threads (sklearn 1)", sklearnForest, oursAll);
            Print("logistic regression fit (lbfgs)", sklearnLogistic, oursLogistic);
            Console.WriteLine($"training accuracy on the first tenth: sklearn {sklearnAccuracy:F4}, ours {(double)correct / check:F4}");
            Console.WriteLine("ratio = sklearn time / our time (above 1: we are faster); cpu = process CPU seconds (ours includes every thread)");
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void Print(string task, List<(double Wall, double Cpu)> sklearn, List<(double Wall, double Cpu)> ours)
    {
        double sw = BenchmarkTools.Median(sklearn.Select(t => t.Wall).ToList()), ow = BenchmarkTools.Median(ours.Select(t => t.Wall).ToList());
        double sc = BenchmarkTools.Median(sklearn.Select(t => t.Cpu).ToList()), oc = BenchmarkTools.Median(ours.Select(t => t.Cpu).ToList());
        Console.WriteLine($"{task,-40} {sw,10:F3} {ow,9:F3} {sw / ow,7:F2} {sc,12:F3} {oc,9:F3} {sc / oc,9:F2}");
    }

    private static (double[][] X, int[] Y) Read(string path, int rows, int features)
    {
        var bytes = File.ReadAllBytes(path);
        var x = new double[rows][];
        for (int i = 0; i < rows; i++)
        {
            x[i] = new double[features];
            Buffer.BlockCopy(bytes, i * features * 8, x[i], 0, features * 8);
        }

        var y = new int[rows];
        Buffer.BlockCopy(bytes, rows * features * 8, y, 0, rows * 4);
        return (x, y);
    }

    private static (double Wall, double Cpu) Once(Action action) => BenchmarkTools.TimeWithCpu(1, action)[0];

    private static int Option(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
    }
}
