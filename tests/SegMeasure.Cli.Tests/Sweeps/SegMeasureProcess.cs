using System.Diagnostics;

namespace SegMeasure.Cli.Tests.Sweeps;

/// <summary>The built <c>segmeasure</c> program (beside the tests) run as a real child process.</summary>
public static class SegMeasureProcess
{
    public static string Program => Path.Combine(AppContext.BaseDirectory, "segmeasure.dll");

    /// <summary>Starts <c>dotnet segmeasure.dll ARGS</c> in <paramref name="workingDirectory"/>, output captured.</summary>
    public static Process Start(string workingDirectory, params string[] args) => Start(workingDirectory, null, args);

    /// <summary>As <see cref="Start(string, string[])"/>, with extra environment variables.</summary>
    public static Process Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        psi.ArgumentList.Add(Program);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_ROLL_FORWARD"] = "Major";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) psi.Environment[name] = value;
        return Process.Start(psi)!;
    }

    /// <summary>Runs to the end; the exit code and both streams.</summary>
    public static CliRun Run(string workingDirectory, params string[] args) => Run(workingDirectory, null, args);

    public static CliRun Run(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var process = Start(workingDirectory, environment, args);
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new CliRun(process.ExitCode, output, error.Result);
    }
}
