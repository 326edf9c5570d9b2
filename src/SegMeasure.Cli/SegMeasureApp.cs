using System.CommandLine;

namespace SegMeasure.Cli;

/// <summary>The <c>segmeasure</c> command tree. Each area contributes one factory in Commands/.</summary>
public static class SegMeasureApp
{
    public static RootCommand BuildRootCommand()
    {
        var root = new RootCommand("SegMeasure: post-process, measure and analyse instance segmentations of microscopy images.");
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; used by Program and by in-process tests.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, bool errorRedirected = true)
    {
        var root = BuildRootCommand();
        var parse = root.Parse(args);
        var config = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        CliContext.Current.Value = new CliContext(output, error, showProgress: !errorRedirected);
        try
        {
            return parse.Invoke(config);
        }
        finally
        {
            CliContext.Current.Value = null;
        }
    }
}
