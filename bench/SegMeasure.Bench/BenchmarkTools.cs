using System.Diagnostics;

namespace SegMeasure.Bench;

/// <summary>Timing helpers shared by benchmark modes.</summary>
public static class BenchmarkTools
{
    /// <summary>Runs <paramref name="action"/> <paramref name="runs"/> times and returns the wall-clock seconds of each run.</summary>
    public static double[] Time(int runs, Action action) => TimeWithCpu(runs, action).Select(t => t.Wall).ToArray();

    /// <summary>
    /// Wall-clock and CPU seconds (all threads of this process) of each run. On a shared machine
    /// CPU time is the steadier measure of work; wall time shows what parallelism buys.
    /// </summary>
    public static (double Wall, double Cpu)[] TimeWithCpu(int runs, Action action)
    {
        var times = new (double, double)[runs];
        using var self = Process.GetCurrentProcess();
        for (int i = 0; i < runs; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            self.Refresh();
            var cpu = self.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            action();
            var wall = watch.Elapsed.TotalSeconds;
            self.Refresh();
            times[i] = (wall, (self.TotalProcessorTime - cpu).TotalSeconds);
        }

        return times;
    }

    /// <summary>Runs an external command <paramref name="runs"/> times through bash, returning wall-clock and CPU
    /// seconds (user + system of the command, from bash's <c>times</c>).</summary>
    public static (double Wall, double Cpu)[] TimeCommand(int runs, Action before, string command)
    {
        var times = new (double, double)[runs];
        for (int i = 0; i < runs; i++)
        {
            before();
            var start = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(command + " && times");
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            var wall = watch.Elapsed.TotalSeconds;
            if (process.ExitCode != 0) throw new InvalidOperationException($"{command} failed ({process.ExitCode}): {error}");
            // `times` prints the shell's own times, then its children's: "0m1.234s 0m0.056s".
            var children = output.Trim().Split('\n').Last().Split(' ');
            times[i] = (wall, children.Sum(ParseBashTime));
        }

        return times;
    }

    private static double ParseBashTime(string text)
    {
        var m = text.IndexOf('m');
        return double.Parse(text[..m], System.Globalization.CultureInfo.InvariantCulture) * 60
            + double.Parse(text[(m + 1)..].TrimEnd('s'), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Median wall-clock seconds of <paramref name="runs"/> runs after one warm-up run (JIT, first-touch allocations).</summary>
    public static double MedianWall(int runs, Action action)
    {
        action();
        return Median(Time(runs, action));
    }

    /// <summary>Median process CPU seconds of <paramref name="runs"/> runs after one warm-up run; on a shared machine the steadier measure.</summary>
    public static double MedianCpu(int runs, Action action)
    {
        action();
        return Median(TimeWithCpu(runs, action).Select(t => t.Cpu).ToArray());
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

    /// <summary>The repository the benchmark runs from (where its reference scripts and data are), else the current folder.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SegMeasure.PowerShell.sln"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
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
