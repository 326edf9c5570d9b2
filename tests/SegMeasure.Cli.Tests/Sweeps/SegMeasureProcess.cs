using System.Diagnostics;

namespace SegMeasure.Cli.Tests.Sweeps;

/// <summary>The built <c>segmeasure</c> program (beside the tests) run as a real child process.</summary>
public static class SegMeasureProcess
{
    public static string Program => Path.Combine(AppContext.BaseDirectory, "segmeasure.dll");

    /// <summary>Starts <c>dotnet segmeasure.dll ARGS</c> in <paramref name="workingDirectory"/>, output captured.</summary>
    public static Process Start(string workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        psi.ArgumentList.Add(Program);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_ROLL_FORWARD"] = "Major";
        return Process.Start(psi)!;
    }

    /// <summary>Runs to the end; the exit code and both streams.</summary>
    public static CliRun Run(string workingDirectory, params string[] args)
    {
        using var process = Start(workingDirectory, args);
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new CliRun(process.ExitCode, output, error.Result);
    }
}
