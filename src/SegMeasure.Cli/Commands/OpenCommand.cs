using System.CommandLine;
using SegMeasure.Core;
using SegMeasure.Core.Batch;
using SegMeasure.Core.Tables;
using SegMeasure.Viewer;

namespace SegMeasure.Cli.Commands;

/// <summary>
/// <c>segmeasure open</c> (alias <c>view</c>): the spec's command, in the browser. Prints the
/// viewer's address with its token as one line, serves until Done (or Ctrl+C), then writes
/// <c>--output</c> with the viewer's columns.
/// </summary>
public static class OpenCommand
{
    public static Command Create()
    {
        var segmentations = Patterns("--segmentations", "Segmentation file path(s) or glob expression(s)", required: true);
        var intensities = Patterns("--intensities", "Optional intensity image path(s); expanded count must match segmentations");
        var nuclei = Patterns("--nuclei", "Optional nucleus segmentation path(s); expanded count must match segmentations");
        nuclei.Aliases.Add("--nucleus-segmentations");
        var noGroup = new Option<bool>("--no-group") { Description = "Do not create a group when multiple segmentations are opened" };
        var noGrid = new Option<bool>("--no-grid") { Description = "Create the group but do not arrange it as a grid" };
        var groupName = new Option<string>("--group-name") { Description = "Name for the created group", DefaultValueFactory = _ => ViewerOptions.DefaultGroupName };
        var table = new Option<string?>("--table") { Description = "Features table (CSV, TSV or XLSX); a sweep table's 'segmentation' column assigns rows to files. Default: morphology measured on opening" };
        var output = new Option<string?>("--output") { Description = "Table with the viewer's columns (annotation, category, cluster, classification), written on Done" };
        var noBrowser = new Option<bool>("--no-browser") { Description = "Only print the address; do not open the default browser" };
        var force = CommonOptions.Force();

        var command = new Command("open", "Open segmentations and optional matched images in the interactive viewer (in the browser).")
        {
            segmentations, intensities, nuclei, noGroup, noGrid, groupName, table, output, noBrowser, force,
        };
        command.Aliases.Add("view");
        command.SetAction((parse, cancellation) => Task.FromResult(CliContext.Execute(ctx =>
        {
            var files = FileSet.Expand([
                ("--segmentations", parse.GetValue(segmentations) ?? []),
                ("--intensities", parse.GetValue(intensities) ?? []),
                ("--nuclei", parse.GetValue(nuclei) ?? []),
            ]);
            var outputPath = parse.GetValue(output);
            OutputFile.RefuseExisting(parse.GetValue(force), outputPath); // before the viewer opens, not after the work in it

            var paths = files.Groups.Select(g => g.Path).ToList();
            var tables = parse.GetValue(table) is { } tablePath ? ViewerTableSplit.Split(TableFile.Read(tablePath), paths) : null;
            var members = files.Groups.Select((g, i) => new ViewerMember(g.Path, g.Paths[1], g.Paths[2], g.RelativeName, tables?[i])).ToList();
            var session = ViewerSession.Create(members, new ViewerOptions
            {
                GroupName = parse.GetValue(groupName)!,
                Group = !parse.GetValue(noGroup),
                Grid = !parse.GetValue(noGroup) && !parse.GetValue(noGrid),
            }, cancellation);

            var server = ViewerServer.Start(session);
            ctx.Output.WriteLine(server.Address);
            ctx.Output.Flush();
            if (!parse.GetValue(noBrowser)) BrowserLauncher.TryOpen(server.Address);
            try
            {
                server.WaitForDone(cancellation);
            }
            catch (OperationCanceledException)
            {
                ctx.Error.WriteLine("segmeasure: viewer stopped before Done; nothing written");
                return 130;
            }

            if (outputPath is not null)
                TableFile.Write(outputPath, ViewerTableSplit.Combine(session.ResultTables(), paths), overwrite: parse.GetValue(force));
            return 0;
        })));
        return command;
    }

    private static Option<string[]> Patterns(string name, string description, bool required = false) => new(name)
    {
        Description = description,
        Required = required,
        AllowMultipleArgumentsPerToken = true,
        Arity = required ? ArgumentArity.OneOrMore : ArgumentArity.ZeroOrMore,
    };
}
