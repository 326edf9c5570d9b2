using System.CommandLine;
using SegMeasure.Core.Analysis.Classifiers;
using SegMeasure.Core.Tables;

namespace SegMeasure.Cli.Commands;

/// <summary><c>segmeasure analyze classify</c>: applies a saved classifier to a table (and paints the segmentation).</summary>
public static class ClassifyCommand
{
    public static Command Create()
    {
        var table = new Option<string>("--table") { Description = "Input measurement table (CSV, TSV or XLSX)", Required = true };
        var classifier = new Option<string>("--classifier") { Description = "Trained classifier file (JSON, from train-classifier)", Required = true };
        var output = new Option<string>("--output") { Description = "Output table file (CSV, TSV or XLSX)", Required = true };
        var classNames = new Option<string[]>("--class-names") { Description = "Names for each class in ascending class-id order; defaults to class_1, class_2, …", AllowMultipleArgumentsPerToken = true };
        var segmentation = new Option<string?>("--segmentation") { Description = "Segmentation TIFF; required when --output-segmentation is used" };
        var outputSegmentation = new Option<string?>("--output-segmentation") { Description = "Output TIFF where each segment is painted with its classification_id (unclassified segments stay 0)" };
        var force = CommonOptions.Force();
        var manifest = PaintedSegmentation.ManifestOption();

        var command = new Command("classify", "Apply a trained classifier to a measurement table: adds classification_id and classification_name.")
        {
            table, classifier, output, classNames, segmentation, outputSegmentation, force, manifest,
        };
        command.SetAction(parse => CliContext.Execute(ctx =>
        {
            var painted = PaintedSegmentation.From(parse.GetValue(segmentation), parse.GetValue(outputSegmentation), parse.GetValue(manifest));
            bool overwrite = parse.GetValue(force);
            var outputPath = parse.GetValue(output)!;
            var model = ClassifierModel.Load(parse.GetValue(classifier)!);
            var tablePath = parse.GetValue(table)!;
            var input = TableFile.Read(tablePath);
            var result = Classification.Apply(PaintedSegmentation.FeaturesOf(painted, input), model, parse.GetValue(classNames));
            if (result.SkipMessage is { } skipped) ctx.Error.WriteLine($"segmeasure: {tablePath}: {skipped}");
            PaintedSegmentation.WriteOutputs(PaintedSegmentation.Restore(painted, result.Table, input), outputPath, painted, Classification.IdColumn, overwrite);
            ctx.Output.WriteLine($"classified {result.ClassifiedRows} row(s) → {outputPath}");
            return 0;
        }));
        return command;
    }
}
