using System.CommandLine;
using System.Reflection;

namespace SegMeasure.Cli;

/// <summary>The <c>segmeasure</c> command tree. Each area contributes its commands from Commands/.</summary>
public static class SegMeasureApp
{
    public static RootCommand BuildRootCommand()
    {
        var root = new RootCommand("SegMeasure: post-process, measure and analyse instance segmentations of microscopy images.");
        root.Subcommands.Add(Commands.InfoCommand.Create());
        foreach (var version in root.Options.OfType<VersionOption>()) version.Action = new PrintVersion();

        var postprocess = new Command("postprocess", "Clean label images: small segments, holes, ring masks, watershed, shape filter, mask matching.");
        var measure = new Command("measure", "Measure segments: intensity, morphology, cell-nucleus, colocalization.");
        var table = new Command("table", "Merge and edit measurement tables (CSV, TSV, XLSX).");
        var analyze = new Command("analyze", "Analyse measurement tables: thresholds, clustering, classifiers.");

        // postprocess
        Commands.PostprocessCommands.AddTo(postprocess);

        // measure
        measure.Add(Commands.MeasureCommands.Intensities());
        measure.Add(Commands.MeasureCommands.Morphology());
        measure.Add(Commands.MeasureCommands.CellNucleus());
        measure.Add(Commands.ColocalizationCommands.Colocalization());
        measure.Add(Commands.ColocalizationCommands.Objects());

        // table
        table.Add(Commands.TableCommands.Merge());
        table.Add(Commands.TableCommands.Drop());
        table.Add(Commands.TableCommands.Concat());

        // analyze
        analyze.Add(Commands.ThresholdCommand.Create());
        analyze.Add(Commands.ClusterCommand.Create());
        analyze.Add(Commands.TrainClassifierCommand.Create());
        analyze.Add(Commands.ClassifyCommand.Create());
        analyze.Add(Commands.EmbedCommand.Create());
        analyze.Add(Commands.ColocalizationDiagnosticsCommands.Create());

        // top-level commands
        root.Add(Commands.OpenCommand.Create());
        root.Add(Commands.SegmentCommand.Create());

        root.Add(postprocess);
        root.Add(measure);
        root.Add(table);
        root.Add(analyze);
        root.Add(Commands.ClusterSubmitCommand.Create());
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

    /// <summary><c>--version</c> prints this program's version, also when run in-process by a test host.</summary>
    private sealed class PrintVersion : System.CommandLine.Invocation.SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(Version);
            return 0;
        }
    }

    public static string Version =>
        typeof(SegMeasureApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
