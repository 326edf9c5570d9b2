using System.CommandLine;
using SegMeasure.Core;
using SegMeasure.Core.Analysis.Classifiers;
using SegMeasure.Core.Tables;

namespace SegMeasure.Cli.Commands;

/// <summary><c>segmeasure analyze train-classifier</c>: trains a classifier on annotated tables and saves it as JSON.</summary>
public static class TrainClassifierCommand
{
    private static ClassifierOptions Defaults => ClassifierOptions.Default;

    public static Command Create()
    {
        var tables = new Option<string[]>("--tables") { Description = "One or more annotated measurement tables (CSV, TSV or XLSX), concatenated before training", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--output") { Description = "Output classifier file (JSON)", Required = true };
        var method = new Option<string>("--method") { Description = "Classifier type: random_forest or logistic_regression", DefaultValueFactory = _ => Defaults.Method.ToName() };
        method.AcceptOnlyFromAmong("random_forest", "logistic_regression");
        var annotation = new Option<string>("--annotation-column") { Description = "Column containing integer annotation labels (0 = unannotated)", DefaultValueFactory = _ => Classification.DefaultAnnotationColumn };
        var estimators = new Option<int>("--n-estimators") { Description = "Random forest: number of trees", DefaultValueFactory = _ => Defaults.Estimators };
        var maxDepth = new Option<int?>("--max-depth") { Description = "Random forest: maximum tree depth; omit or 0 for unlimited" };
        var c = new Option<double>("--c") { Description = "Logistic regression: inverse regularisation strength C", DefaultValueFactory = _ => Defaults.C };
        var maxIter = new Option<int>("--max-iter") { Description = "Logistic regression: maximum number of solver iterations", DefaultValueFactory = _ => Defaults.MaxIterations };
        var seed = new Option<int>("--seed") { Description = "Random forest: seed of the bootstrap and feature draws", DefaultValueFactory = _ => Defaults.Seed };
        var force = CommonOptions.Force();

        var command = new Command("train-classifier", "Train a random forest or logistic regression classifier from annotated measurement tables and save it as JSON.")
        {
            tables, output, method, annotation, estimators, maxDepth, c, maxIter, seed, force,
        };
        command.SetAction(parse => CliContext.Execute(ctx =>
        {
            var outputPath = parse.GetValue(output)!;
            OutputFile.RefuseExisting(parse.GetValue(force), outputPath); // before training, not after it
            var inputs = parse.GetValue(tables)!.Select(TableFile.Read).ToList();
            var options = new ClassifierOptions
            {
                Method = ClassifierMethodNames.Parse(parse.GetValue(method)!),
                Estimators = parse.GetValue(estimators),
                MaxDepth = parse.GetValue(maxDepth),
                C = parse.GetValue(c),
                MaxIterations = parse.GetValue(maxIter),
                Seed = parse.GetValue(seed),
            };
            var model = Classification.Train(inputs, parse.GetValue(annotation)!, options, ctx.CreateProgress());
            model.Save(outputPath, overwrite: parse.GetValue(force));
            ctx.Output.WriteLine($"trained {model.Method.ToName()} on {model.Training.TrainingRows} annotated row(s), {model.Classes.Count} class(es), {model.FeatureNames.Count} feature(s) → {outputPath}");
            if (model.Training.SkippedRows > 0)
                ctx.Error.WriteLine($"segmeasure: {model.Training.SkippedRows} annotated row(s) have a NaN or infinite feature value and were left out of training");
            if (model.Estimator is LogisticRegression { Converged: false })
                ctx.Error.WriteLine($"segmeasure: logistic regression did not converge in {options.MaxIterations} iterations (raise --max-iter)");
            return 0;
        }));
        return command;
    }
}
