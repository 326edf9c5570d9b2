using SegMeasure.Core;

namespace SegMeasure.Cli;

/// <summary>
/// Where a running command writes: results to <see cref="Output"/>, one-line failures and
/// progress to <see cref="Error"/>. Held per invocation (async-local) so tests can run the
/// CLI in-process side by side.
/// </summary>
public sealed class CliContext
{
    internal static readonly AsyncLocal<CliContext?> Current = new();

    public CliContext(TextWriter output, TextWriter error, bool showProgress)
    {
        Output = output;
        Error = error;
        ShowProgress = showProgress;
    }

    public TextWriter Output { get; }
    public TextWriter Error { get; }

    /// <summary>True only when stderr is a terminal: progress never goes into pipes or logs.</summary>
    public bool ShowProgress { get; }

    public static CliContext Get() => Current.Value ?? new CliContext(Console.Out, Console.Error, !Console.IsErrorRedirected);

    public IProgress<WorkProgress>? CreateProgress() => ShowProgress ? new TerminalProgress(Error) : null;

    /// <summary>Runs a command body: expected failures become one line on stderr and exit code 1.</summary>
    public static int Execute(Func<CliContext, int> body)
    {
        var context = Get();
        try
        {
            return body(context);
        }
        catch (SegMeasureException e)
        {
            context.Error.WriteLine($"segmeasure: {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"segmeasure: {e.Message}");
            return 1;
        }
    }
}
