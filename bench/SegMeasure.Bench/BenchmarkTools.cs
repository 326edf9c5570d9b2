using System.Diagnostics;

namespace SegMeasure.Bench;

/// <summary>Timing helpers shared by benchmark modes.</summary>
public static class BenchmarkTools
{
    /// <summary>Runs <paramref name="action"/> <paramref name="runs"/> times and returns the seconds of each run.</summary>
    public static double[] Time(int runs, Action action)
    {
        var times = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var watch = Stopwatch.StartNew();
            action();
            times[i] = watch.Elapsed.TotalSeconds;
        }

        return times;
    }

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public static string Format(IEnumerable<double> seconds) => string.Join(", ", seconds.Select(s => $"{s:F2}"));

    /// <summary>The value after <paramref name="name"/> on the command line, or <paramref name="fallback"/>.</summary>
    public static string Option(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    public static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, tool)));

    public static void RunProcess(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { UseShellExecute = false, RedirectStandardError = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {error}");
    }
}
