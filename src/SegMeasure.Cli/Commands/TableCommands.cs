using System.CommandLine;
using SegMeasure.Core.Tables;

namespace SegMeasure.Cli.Commands;

/// <summary><c>segmeasure table merge</c> and <c>segmeasure table drop</c>: saved tables (CSV, TSV, XLSX) joined and trimmed.</summary>
public static class TableCommands
{
    /// <summary>
    /// <c>table merge --inputs A B … --output OUT [--on index] [--drop-columns C …] [--force]</c>:
    /// outer join on the key, then drop columns. With one input it only drops columns (or
    /// converts the format, as the output's extension picks it).
    /// </summary>
    public static Command Merge()
    {
        var inputs = new Option<string[]>("--inputs")
        {
            Description = "One or more input table files (CSV, TSV, XLSX).",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var output = OutputOption();
        var on = new Option<string>("--on") { Description = "Key column shared between input tables.", DefaultValueFactory = _ => MeasurementTable.IndexColumn };
        var drop = new Option<string[]>("--drop-columns")
        {
            Description = "Columns to drop from the merged table (the index column is always kept).",
            AllowMultipleArgumentsPerToken = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var force = CommonOptions.Force();
        var command = new Command("merge", "Merge measurement tables on a shared key column (outer join) and optionally drop columns; with one input, drop columns only.")
        {
            inputs, output, on, drop, force,
        };
        command.SetAction(parse => CliContext.Execute(_ =>
        {
            var paths = parse.GetValue(inputs)!;
            var key = parse.GetValue(on)!;
            var tables = paths.Select(p => (p, TableFile.Read(p))).ToList();
            var result = TableMerge.Combine(tables, key, parse.GetValue(drop) ?? []);
            TableFile.Write(parse.GetValue(output)!, result, parse.GetValue(force));
            return 0;
        }));
        return command;
    }

    /// <summary><c>table drop --input T --output OUT --columns C …</c>: the same as <c>merge</c> with one input and <c>--drop-columns</c>.</summary>
    public static Command Drop()
    {
        var input = new Option<string>("--input") { Description = "Input table file (CSV, TSV, XLSX).", Required = true };
        var output = OutputOption();
        var columns = new Option<string[]>("--columns")
        {
            Description = "Columns to drop (the index column is protected).",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var force = CommonOptions.Force();
        var command = new Command("drop", "Drop columns from a measurement table (same as 'merge' with one input and --drop-columns).")
        {
            input, output, columns, force,
        };
        command.SetAction(parse => CliContext.Execute(_ =>
        {
            var path = parse.GetValue(input)!;
            var result = TableDrop.Drop(TableFile.Read(path), parse.GetValue(columns)!, path);
            TableFile.Write(parse.GetValue(output)!, result, parse.GetValue(force));
            return 0;
        }));
        return command;
    }

    /// <summary>
    /// <c>table concat --inputs A B … --output OUT [--source-column NAME] [--force]</c>: stacks
    /// tables row by row (columns: the union, in order of first appearance), e.g. the shard
    /// tables of a cluster sweep. Inputs take glob patterns, each expanded in sorted order.
    /// </summary>
    public static Command Concat()
    {
        var inputs = new Option<string[]>("--inputs")
        {
            Description = "Input tables or glob patterns (quote them), joined in the order given, each pattern sorted.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var output = OutputOption();
        var source = new Option<string?>("--source-column") { Description = "Add a leading column of this name holding each row's input table." };
        var force = CommonOptions.Force();
        var command = new Command("concat", "Stack tables row by row (e.g. the shard tables of a cluster sweep).") { inputs, output, source, force };
        command.SetAction(parse => CliContext.Execute(_ =>
        {
            var paths = Core.Batch.FileGlob.ExpandAll(parse.GetValue(inputs)!).Select(m => m.Path).ToList();
            TableConcatFile.Write(paths, parse.GetValue(output)!, parse.GetValue(source), parse.GetValue(force));
            return 0;
        }));
        return command;
    }

    private static Option<string> OutputOption() =>
        new("--output", "-o") { Description = "Output table file; the extension picks the format (.csv default, .tsv, .xlsx).", Required = true };

}
