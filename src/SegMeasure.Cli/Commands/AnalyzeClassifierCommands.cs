using System.CommandLine;
using SegMeasure.Core;
using SegMeasure.Core.Analysis;
using SegMeasure.Core.Tables;

namespace SegMeasure.Cli.Commands;

/// <summary><c>segmeasure analyze train-classifier | classify | embed</c>.</summary>
public static class AnalyzeClassifierCommands
{
    /// <summary>Adds this area's commands to the <c>analyze</c> group.</summary>
    public static void AddTo(Command analyze)
    {
        analyze.Add(TrainClassifier());
        analyze.Add(Classify());
        analyze.Add(Embed());
    }

    public static Command TrainClassifier()
    {
        var tables = new Option<string[]>("--tables") { Description = "One or more annotated measurement tables (CSV, TSV or XLSX), concatenated before training", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--output") { Description = "Output classifier file (JSON)", Required = true };
        var method = new Option<string>("--method") { Description = "Classifier type: random_forest or logistic_regression", DefaultValueFactory = _ => "random_forest" };
        method.AcceptOnlyFromAmong("random_forest", "logistic_regression");
        var annotation = new Option<string>("--annotation-column") { Description = "Column containing integer annotation labels (0 = unannotated)", DefaultValueFactory = _ => Classification.DefaultAnnotationColumn };
        var estimators = new Option<int>("--n-estimators") { Description = "Random forest: number of trees", DefaultValueFactory = _ => 100 };
        var maxDepth = new Option<int?>("--max-depth") { Description = "Random forest: maximum tree depth; omit or 0 for unlimited" };
        var c = new Option<double>("--c") { Description = "Logistic regression: inverse regularisation strength C", DefaultValueFactory = _ => 1.0 };
        var maxIter = new Option<int>("--max-iter") { Description = "Logistic regression: maximum number of solver iterations", DefaultValueFactory = _ => 1000 };
        var seed = new Option<int>("--seed") { Description = "Random forest: seed of the bootstrap and feature draws", DefaultValueFactory = _ => 0 };
        var force = CommonOptions.Force();

        var command = new Command("train-classifier", "Train a random forest or logistic regression classifier from annotated measurement tables and save it as JSON.")
        {
            tables, output, method, annotation, estimators, maxDepth, c, maxIter, seed, force,
        };
        command.SetAction(parse => CliContext.Execute(ctx =>
        {
            var outputPath = parse.GetValue(output)!;
            if (File.Exists(outputPath) && !parse.GetValue(force)) throw new OutputExistsException(outputPath);
            var inputs = parse.GetValue(tables)!.Select(ReadTable).ToList();
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

    public static Command Classify()
    {
        var table = new Option<string>("--table") { Description = "Input measurement table (CSV, TSV or XLSX)", Required = true };
        var classifier = new Option<string>("--classifier") { Description = "Trained classifier file (JSON, from train-classifier)", Required = true };
        var output = new Option<string>("--output") { Description = "Output table file (CSV, TSV or XLSX)", Required = true };
        var classNames = new Option<string[]>("--class-names") { Description = "Names for each class in ascending class-id order; defaults to class_1, class_2, …", AllowMultipleArgumentsPerToken = true };
        var segmentation = new Option<string?>("--segmentation") { Description = "Segmentation TIFF; required when --output-segmentation is used" };
        var outputSegmentation = new Option<string?>("--output-segmentation") { Description = "Output TIFF where each segment is painted with its classification_id (unclassified segments stay 0)" };
        var force = CommonOptions.Force();

        var command = new Command("classify", "Apply a trained classifier to a measurement table: adds classification_id and classification_name.")
        {
            table, classifier, output, classNames, segmentation, outputSegmentation, force,
        };
        command.SetAction(parse => CliContext.Execute(ctx =>
        {
            var painted = PaintedSegmentation.From(parse.GetValue(segmentation), parse.GetValue(outputSegmentation));
            bool overwrite = parse.GetValue(force);
            var outputPath = parse.GetValue(output)!;
            PaintedSegmentation.RefuseExisting(outputPath, painted, overwrite);

            var model = ClassifierModel.Load(parse.GetValue(classifier)!);
            var tablePath = parse.GetValue(table)!;
            var result = Classification.Apply(ReadTable(tablePath), model, parse.GetValue(classNames));
            if (result.SkipMessage is { } skipped) ctx.Error.WriteLine($"segmeasure: {tablePath}: {skipped}");
            PaintedSegmentation.WriteOutputs(result.Table, outputPath, painted, Classification.IdColumn, overwrite);
            ctx.Output.WriteLine($"classified {result.ClassifiedRows} row(s) → {outputPath}");
            return 0;
        }));
        return command;
    }

    public static Command Embed()
    {
        var table = new Option<string>("--table") { Description = "Input measurement table (CSV, TSV or XLSX)", Required = true };
        var output = new Option<string>("--output") { Description = "Output table file with embedding_1 and embedding_2 added", Required = true };
        var method = new Option<string>("--method") { Description = "Feature reduction: umap, tsne or pca", DefaultValueFactory = _ => "umap" };
        method.AcceptOnlyFromAmong("umap", "tsne", "pca");
        var seed = new Option<int>("--seed") { Description = "Seed of UMAP's random choices (t-SNE starts from PCA and is deterministic)", DefaultValueFactory = _ => 0 };
        var perplexity = new Option<double>("--perplexity") { Description = "t-SNE: perplexity", DefaultValueFactory = _ => 30.0 };
        var neighbors = new Option<int>("--n-neighbors") { Description = "UMAP: size of the local neighbourhood", DefaultValueFactory = _ => 15 };
        var minDist = new Option<double>("--min-dist") { Description = "UMAP: minimum distance between embedded points", DefaultValueFactory = _ => 0.1 };
        var force = CommonOptions.Force();

        var command = new Command("embed", "Compute a 2-D embedding (UMAP, t-SNE or PCA) of the standardised features: adds embedding_1 and embedding_2.")
        {
            table, output, method, seed, perplexity, neighbors, minDist, force,
        };
        command.SetAction(parse => CliContext.Execute(ctx =>
        {
            var outputPath = parse.GetValue(output)!;
            bool overwrite = parse.GetValue(force);
            if (File.Exists(outputPath) && !overwrite) throw new OutputExistsException(outputPath);
            var options = new EmbeddingOptions
            {
                Method = EmbeddingMethodNames.Parse(parse.GetValue(method)!),
                Seed = parse.GetValue(seed),
                Perplexity = parse.GetValue(perplexity),
                Neighbors = parse.GetValue(neighbors),
                MinDistance = parse.GetValue(minDist),
            };
            var tablePath = parse.GetValue(table)!;
            var result = Embedding.Compute(ReadTable(tablePath), options, progress: ctx.CreateProgress());
            if (result.SkipMessage is { } skipped) ctx.Error.WriteLine($"segmeasure: {tablePath}: {skipped}");
            TableFile.Write(outputPath, result.Table, overwrite);
            ctx.Output.WriteLine($"embedded {result.EmbeddedRows} row(s) with {options.Method.ToName()} → {outputPath}");
            return 0;
        }));
        return command;
    }

    private static MeasurementTable ReadTable(string path) =>
        File.Exists(path) ? TableFile.Read(path)
            : throw new SegMeasureException("SegMeasure.FileNotFound", ErrorKind.NotFound, $"{path}: the table does not exist", path);
}
