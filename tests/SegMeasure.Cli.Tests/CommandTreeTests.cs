using System.CommandLine;
using System.Diagnostics;

namespace SegMeasure.Cli.Tests;

public class CommandTreeTests
{
    [Fact]
    public void Version_prints_the_program_version()
    {
        var run = CliRun.App("--version");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(SegMeasureApp.Version, run.Output.Trim());
        Assert.Matches(@"^\d+\.\d+\.\d+", SegMeasureApp.Version);
    }

    [Fact]
    public void Every_command_has_help()
    {
        var commands = new List<string[]>();
        void Walk(Command command, string[] path)
        {
            commands.Add(path);
            foreach (var sub in command.Subcommands) Walk(sub, [.. path, sub.Name]);
        }

        Walk(SegMeasureApp.BuildRootCommand(), []);
        Assert.Contains(commands, c => c.SequenceEqual(new[] { "table", "merge" }));
        foreach (var path in commands)
        {
            var run = CliRun.App([.. path, "--help"]);
            Assert.True(run.ExitCode == 0, string.Join(' ', path));
            Assert.Contains("Usage:", run.Output);
            Assert.Equal("", run.Error);
        }
    }

    [Fact]
    public void The_built_program_exits_non_zero_with_one_line_on_stderr()
    {
        var program = Path.Combine(AppContext.BaseDirectory, "segmeasure.dll");
        if (!File.Exists(program)) return; // only when the program is built beside the tests
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { program, "table", "merge", "--inputs", "/nonexistent/a.csv", "--output", Path.Combine(Path.GetTempPath(), "never.csv") })
            psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_ROLL_FORWARD"] = "Major";
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(1, process.ExitCode);
        Assert.Equal("", output);
        Assert.Equal("segmeasure: /nonexistent/a.csv: no such file", error.Trim());
    }
}
