using System.CommandLine;
using System.Globalization;
using SegMeasure.Core.Analysis.Thresholds;
using SegMeasure.Core.Tables;

namespace SegMeasure.Cli.Commands;

/// <summary><c>segmeasure analyze threshold</c>: the reference tool's flags and defaults, plus Otsu suggestions and <c>--force</c>.</summary>
public static class ThresholdCommand
{
    public static Command Create()
    {
        var table = new Option<string>("--table") { Description = "Input measurement table (CSV, TSV or XLSX)", Required = true };
        var column = new Option<string>("--column") { Description = "Column name to threshold", Required = true };
        var categories = new Option<int>("--n-categories") { Description = "Number of output categories", Required = true };
        var thresholds = new Option<double[]>("--thresholds")
        {
            Description = "Explicit threshold values (n-categories - 1 values); suggested from the data if omitted",
            AllowMultipleArgumentsPerToken = true,
        };
        var names = new Option<string[]>("--category-names")
        {
            Description = "Names for each category (n-categories values); defaults to category_1, category_2, ...",
            AllowMultipleArgumentsPerToken = true,
        };
        var method = new Option<string>("--suggest")
        {
            Description = "How thresholds are suggested when not given: quantiles (equally spaced percentiles) or otsu (Otsu / multi-Otsu)",
            DefaultValueFactory = _ => "quantiles",
        };
        method.AcceptOnlyFromAmong("quantiles", "otsu");
        var bins = new Option<int>("--bins") { Description = "Histogram bins for --suggest otsu", DefaultValueFactory = _ => ThresholdSuggestion.DefaultBins };
        var output = new Option<string>("--output") { Description = "Output table file (CSV, TSV or XLSX)", Required = true };
        var segmentation = new Option<string?>("--segmentation") { Description = "Segmentation TIFF; required when --output-segmentation is used" };
        var outputSegmentation = new Option<string?>("--output-segmentation") { Description = "Output TIFF where each segment is assigned its category ID" };
        var force = CommonOptions.Force();
        var manifest = PaintedSegmentation.ManifestOption();

        var command = new Command("threshold", "Categorize segments into N named groups by N-1 thresholds on one column of a measurement table.")
        {
            table, column, categories, thresholds, names, method, bins, output, segmentation, outputSegmentation, force, manifest,
        };
        command.SetAction(parse => CliContext.Execute(ctx =>
        {
            var painted = PaintedSegmentation.From(parse.GetValue(segmentation), parse.GetValue(outputSegmentation), parse.GetValue(manifest));
            var input = TableFile.Read(parse.GetValue(table)!);
            var result = ThresholdCategorization.Apply(PaintedSegmentation.FeaturesOf(painted, input), parse.GetValue(column)!, parse.GetValue(categories),
                parse.GetValue(thresholds), parse.GetValue(names) is { Length: > 0 } given ? given : null,
                parse.GetValue(method) == "otsu" ? ThresholdMethod.Otsu : ThresholdMethod.Quantiles, parse.GetValue(bins));
            PaintedSegmentation.WriteOutputs(PaintedSegmentation.Restore(painted, result.Table, input), parse.GetValue(output)!, painted, ThresholdCategorization.IdColumn, parse.GetValue(force));

            var c = CultureInfo.InvariantCulture;
            ctx.Output.WriteLine($"thresholds: {string.Join(" ", result.Thresholds.Select(t => t.ToString("R", c)))}");
            for (int i = 0; i < result.CategoryNames.Count; i++) ctx.Output.WriteLine($"  {i + 1} {result.CategoryNames[i]}: {result.CategoryCounts[i]}");
            if (result.MissingCount > 0) ctx.Output.WriteLine($"  {result.MissingCount} row(s) with a missing value: category_id 0");
            return 0;
        }));
        return command;
    }
}
