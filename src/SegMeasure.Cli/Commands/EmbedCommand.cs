using System.CommandLine;
using SegMeasure.Core;
using SegMeasure.Core.Analysis.Embeddings;
using SegMeasure.Core.Tables;

namespace SegMeasure.Cli.Commands;

/// <summary><c>segmeasure analyze embed</c>: adds a 2-D embedding (UMAP, t-SNE or PCA) of the standardised features.</summary>
public static class EmbedCommand
{
    private static EmbeddingOptions Defaults => EmbeddingOptions.Default;

    public static Command Create()
    {
        var table = new Option<string>("--table") { Description = "Input measurement table (CSV, TSV or XLSX)", Required = true };
        var output = new Option<string>("--output") { Description = "Output table file with embedding_1 and embedding_2 added", Required = true };
        var method = new Option<string>("--method") { Description = "Feature reduction: umap, tsne or pca", DefaultValueFactory = _ => Defaults.Method.ToName() };
        method.AcceptOnlyFromAmong("umap", "tsne", "pca");
        var seed = new Option<int>("--seed") { Description = "Seed of UMAP's random choices (t-SNE starts from PCA and is deterministic)", DefaultValueFactory = _ => Defaults.Seed };
        var perplexity = new Option<double>("--perplexity") { Description = "t-SNE: perplexity", DefaultValueFactory = _ => Defaults.Perplexity };
        var neighbors = new Option<int>("--n-neighbors") { Description = "UMAP: size of the local neighbourhood", DefaultValueFactory = _ => Defaults.Neighbors };
        var minDist = new Option<double>("--min-dist") { Description = "UMAP: minimum distance between embedded points", DefaultValueFactory = _ => Defaults.MinDistance };
        var force = CommonOptions.Force();

        var command = new Command("embed", "Compute a 2-D embedding (UMAP, t-SNE or PCA) of the standardised features: adds embedding_1 and embedding_2.")
        {
            table, output, method, seed, perplexity, neighbors, minDist, force,
        };
        command.SetAction(parse => CliContext.Execute(ctx =>
        {
            var outputPath = parse.GetValue(output)!;
            bool overwrite = parse.GetValue(force);
            var options = new EmbeddingOptions
            {
                Method = EmbeddingMethodNames.Parse(parse.GetValue(method)!),
                Seed = parse.GetValue(seed),
                Perplexity = parse.GetValue(perplexity),
                Neighbors = parse.GetValue(neighbors),
                MinDistance = parse.GetValue(minDist),
            };
            var tablePath = parse.GetValue(table)!;
            var result = Embedding.Compute(TableFile.Read(tablePath), options, progress: ctx.CreateProgress());
            if (result.SkipMessage is { } skipped) ctx.Error.WriteLine($"segmeasure: {tablePath}: {skipped}");
            TableFile.Write(outputPath, result.Table, overwrite);
            ctx.Output.WriteLine($"embedded {result.EmbeddedRows} row(s) with {options.Method.ToName()} → {outputPath}");
            return 0;
        }));
        return command;
    }
}
