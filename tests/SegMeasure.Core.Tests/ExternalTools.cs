using System.Diagnostics;

namespace SegMeasure.Core.Tests;

/// <summary>
/// Runs independent tools (libtiff's tiffinfo/tiffcp/tiffdump, Debian's python3 with tifffile)
/// for cross-checks. Tests that use them return early with a note when a tool is missing;
/// the CI script installs them.
/// </summary>
public static class ExternalTools
{
    public const string DebianPython = "/usr/bin/python3";

    public static bool Has(string tool) =>
        Path.IsPathRooted(tool) ? File.Exists(tool)
            : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, tool)));

    private static readonly Lazy<bool> TifffileAvailable = new(() =>
        Has(DebianPython) && Run(DebianPython, ["-c", "import tifffile, numpy"]).ExitCode == 0);

    public static bool HasTifffile => TifffileAvailable.Value;

    public static (int ExitCode, string Output, string Error) Run(string tool, IEnumerable<string> arguments, int timeoutSeconds = 120)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutSeconds * 1000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} did not finish within {timeoutSeconds} s");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}
