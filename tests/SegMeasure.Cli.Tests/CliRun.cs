using System.CommandLine;

namespace SegMeasure.Cli.Tests;

/// <summary>Runs commands in-process and captures what they print.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    /// <summary>The real <c>segmeasure</c> command tree.</summary>
    public static CliRun App(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = SegMeasureApp.Run(args, output, error);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    /// <summary>A root holding only <paramref name="command"/>, run the way SegMeasureApp runs the real tree.</summary>
    public static CliRun Of(Command command, params string[] args)
    {
        var root = new RootCommand("test") { command };
        var output = new StringWriter();
        var error = new StringWriter();
        var config = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        CliContext.Current.Value = new CliContext(output, error, showProgress: false);
        try
        {
            var code = root.Parse(args).Invoke(config);
            return new CliRun(code, output.ToString(), error.ToString());
        }
        finally
        {
            CliContext.Current.Value = null;
        }
    }

    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
