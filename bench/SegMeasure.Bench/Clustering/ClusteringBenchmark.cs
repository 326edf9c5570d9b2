using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SegMeasure.Core.Analysis;
using SegMeasure.Core.Analysis.Clustering;

namespace SegMeasure.Bench.Clustering;

/// <summary>
/// k-means, DBSCAN and HDBSCAN on a table of N rows × D features (Gaussian blobs, z-scored), our
/// implementation against scikit-learn on the very same points in the same run (Debian's
/// /usr/bin/python3; scikit-learn 1.2.1 has no HDBSCAN, so that one has no baseline).
/// Options: --rows N (100000) --features D (20) --clusters K (8) --repeats R (3) --eps (0.7)
/// --min-samples (10) --min-cluster-size (50) --hdbscan-rows (N) --methods (kmeans,dbscan,hdbscan) --python PATH.
/// </summary>
public static class ClusteringBenchmark
{
    public static int Run(string[] args)
    {
        int rows = Option(args, "--rows", 100_000), features = Option(args, "--features", 20), k = Option(args, "--clusters", 8);
        int repeats = Option(args, "--repeats", 3);
        double eps = Option(args, "--eps", 0.7);
        int minSamples = Option(args, "--min-samples", 10);
        int minClusterSize = Option(args, "--min-cluster-size", 50);
        // HDBSCAN can run on a prefix of the rows (--hdbscan-rows) when the full table takes too long here.
        int hdbscanRows = Math.Min(rows, Option(args, "--hdbscan-rows", rows));
        string python = OptionText(args, "--python", "/usr/bin/python3");
        var methods = OptionText(args, "--methods", "kmeans,dbscan,hdbscan").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet();

        var points = Blobs(rows, features, k, seed: 1);
        Console.WriteLine($"clustering benchmark: {rows} rows x {features} features, {k} blobs, {Environment.ProcessorCount} cores, median of {repeats}");

        var sklearn = RunScikitLearn(python, points, k, eps, minSamples, repeats, methods, out var sklearnLabels);

        if (methods.Contains("kmeans"))
        {
            var (kmeansTime, kmeans) = Median(repeats, () => KMeans.Fit(points, k, nInit: 10, seed: 0));
            Report($"k-means (k={k}, n_init=10)", kmeansTime, Baseline(sklearn, "kmeans"),
                sklearnLabels.TryGetValue("kmeans", out var skKm) ? $"ARI vs sklearn {Ari(kmeans.Labels, skKm):F4}, inertia {kmeans.Inertia:G6} vs {sklearn!.Value.GetProperty("kmeans_inertia").GetDouble():G6}" : null);
        }

        if (methods.Contains("dbscan"))
        {
            var (dbscanTime, dbscan) = Median(repeats, () => DbScan.Fit(points, eps, minSamples));
            Report($"DBSCAN (eps={eps.ToString(CultureInfo.InvariantCulture)}, min_samples={minSamples})", dbscanTime, Baseline(sklearn, "dbscan"),
                sklearnLabels.TryGetValue("dbscan", out var skDb) ? $"ARI vs sklearn {Ari(dbscan, skDb):F4}, {dbscan.Max() + 1} clusters, {dbscan.Count(l => l < 0)} noise" : null);
        }

        if (methods.Contains("hdbscan"))
        {
            var hdbscanPoints = hdbscanRows == rows ? points : new PointSet(points.Data[..(hdbscanRows * features)], hdbscanRows, features);
            var (hdbscanTime, hdbscan) = Median(1, () => Hdbscan.Fit(hdbscanPoints, minClusterSize, minSamples));
            Report($"HDBSCAN (min_cluster_size={minClusterSize}, min_samples={minSamples})", hdbscanTime, null,
                $"{hdbscanRows} rows, {hdbscan.Max() + 1} clusters, {hdbscan.Count(l => l < 0)} noise; no scikit-learn baseline (1.2.1 has no HDBSCAN), single run");
        }

        return 0;
    }

    private static double? Baseline(JsonElement? sklearn, string method) =>
        sklearn is { } s && s.TryGetProperty(method, out var v) ? v.GetDouble() : null;

    private static void Report(string name, double ours, double? baseline, string? note)
    {
        var ratio = baseline is { } b ? $"sklearn {b:F3} s  ratio sklearn/ours {b / ours:F2}x" : "sklearn n/a";
        Console.WriteLine($"{name,-44} ours {ours:F3} s  {ratio}{(note is null ? "" : "  (" + note + ")")}");
    }

    /// <summary>Gaussian blobs (σ = 1) around centres uniform in [-10, 10]^D, then z-scored as the clustering front ends do.</summary>
    private static PointSet Blobs(int n, int d, int k, int seed)
    {
        var random = new Random(seed);
        var centers = Enumerable.Range(0, k * d).Select(_ => random.NextDouble() * 20 - 10).ToArray();
        var rows = new double[n][];
        for (int i = 0; i < n; i++)
        {
            int c = i % k;
            rows[i] = new double[d];
            for (int j = 0; j < d; j++)
            {
                // Box–Muller normal deviate.
                double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
                rows[i][j] = centers[c * d + j] + Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            }
        }

        return PointSet.FromRows(Standardizer.Fit(rows).Transform(rows));
    }

    private static JsonElement? RunScikitLearn(string python, PointSet points, int k, double eps, int minSamples, int repeats, HashSet<string> methods, out Dictionary<string, int[]> labels)
    {
        labels = [];
        var baselineMethods = methods.Where(m => m is "kmeans" or "dbscan").ToArray();
        if (baselineMethods.Length == 0) return null;
        var script = Path.Combine(AppContext.BaseDirectory, "Clustering", "sklearn_clustering.py");
        if (!File.Exists(python) || !File.Exists(script))
        {
            Console.WriteLine($"scikit-learn baseline skipped: {(File.Exists(python) ? script : python)} not found");
            return null;
        }

        var dir = Directory.CreateTempSubdirectory("segmeasure-bench-");
        try
        {
            var input = Path.Combine(dir.FullName, "points.bin");
            using (var writer = new BinaryWriter(File.Create(input)))
                foreach (var v in points.Data) writer.Write(v);
            var labelsOut = Path.Combine(dir.FullName, "labels");
            var c = CultureInfo.InvariantCulture;
            var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { script, input, points.Count.ToString(c), points.Dimensions.ToString(c), k.ToString(c), eps.ToString("R", c), minSamples.ToString(c), repeats.ToString(c), labelsOut, string.Join(",", baselineMethods) })
                start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEnd();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                Console.WriteLine($"scikit-learn baseline failed: {stderr.Trim().Split('\n').LastOrDefault()}");
                return null;
            }

            foreach (var method in baselineMethods)
            {
                var bytes = File.ReadAllBytes(labelsOut + "." + method);
                var values = new int[bytes.Length / 4];
                Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
                labels[method] = values;
            }

            return JsonDocument.Parse(stdout.Trim().Split('\n').Last()).RootElement.Clone();
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static (double Seconds, T Result) Median<T>(int repeats, Func<T> run)
    {
        var times = new List<double>();
        T result = default!;
        for (int r = 0; r < repeats; r++)
        {
            var watch = Stopwatch.StartNew();
            result = run();
            times.Add(watch.Elapsed.TotalSeconds);
        }

        times.Sort();
        return (times[times.Count / 2], result);
    }

    /// <summary>Adjusted Rand index, to show both sides found the same partition.</summary>
    private static double Ari(int[] a, int[] b)
    {
        var pairs = new Dictionary<(int, int), long>();
        var ra = new Dictionary<int, long>();
        var rb = new Dictionary<int, long>();
        for (int i = 0; i < a.Length; i++)
        {
            pairs[(a[i], b[i])] = pairs.GetValueOrDefault((a[i], b[i])) + 1;
            ra[a[i]] = ra.GetValueOrDefault(a[i]) + 1;
            rb[b[i]] = rb.GetValueOrDefault(b[i]) + 1;
        }

        static double C2(long x) => x * (x - 1) / 2.0;
        double index = pairs.Values.Sum(C2), sa = ra.Values.Sum(C2), sb = rb.Values.Sum(C2);
        double expected = sa * sb / C2(a.Length), max = (sa + sb) / 2;
        return max == expected ? 1 : (index - expected) / (max - expected);
    }

    private static int Option(string[] args, string name, int fallback) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;

    private static double Option(string[] args, string name, double fallback) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? double.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;

    private static string OptionText(string[] args, string name, string fallback) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}
