using System.CommandLine;
using System.Globalization;
using SegMeasure.Core.Analysis.Clustering;
using SegMeasure.Core.Tables;

namespace SegMeasure.Cli.Commands;

/// <summary><c>segmeasure analyze cluster</c>: the reference tool's flags and defaults, plus Ward clustering, a seed and <c>--force</c>.</summary>
public static class ClusterCommand
{
    private static ClusteringOptions Defaults => ClusteringOptions.Default;

    public static Command Create()
    {
        var table = new Option<string>("--table") { Description = "Input measurement table (CSV, TSV or XLSX)", Required = true };
        var method = new Option<string>("--method")
        {
            Description = "Clustering method: kmeans, dbscan, hdbscan, mean_shift or ward",
            DefaultValueFactory = _ => Defaults.Method.ToName(),
        };
        method.AcceptOnlyFromAmong([.. ClusteringMethodNames.All]);
        var clusters = new Option<int>("--n-clusters") { Description = "K-Means / Ward: number of clusters", DefaultValueFactory = _ => Defaults.Clusters };
        var eps = new Option<double>("--eps") { Description = "DBSCAN: neighbourhood radius", DefaultValueFactory = _ => Defaults.Eps };
        var minSamples = new Option<int?>("--min-samples")
        {
            Description = $"DBSCAN / HDBSCAN: minimum samples in a neighbourhood, the point itself included (default: {ClusteringOptions.DefaultMinSamples} for DBSCAN; the min cluster size for HDBSCAN)",
        };
        var minClusterSize = new Option<int>("--min-cluster-size") { Description = "HDBSCAN: minimum cluster size", DefaultValueFactory = _ => Defaults.MinClusterSize };
        var bandwidth = new Option<double?>("--bandwidth") { Description = "Mean Shift: bandwidth; omit or set to 0 for automatic estimation" };
        var binSeeding = new Option<bool>("--bin-seeding") { Description = "Mean Shift: seed from a grid of bandwidth-sized bins instead of every point" };
        var minBinFreq = new Option<int>("--min-bin-freq") { Description = "Mean Shift with --bin-seeding: points a bin needs to become a seed", DefaultValueFactory = _ => Defaults.MinBinFrequency };
        var seed = new Option<int>("--seed") { Description = "K-Means: random seed (same seed, same result)", DefaultValueFactory = _ => Defaults.Seed };
        var restarts = new Option<int>("--n-init") { Description = "K-Means: number of restarts, the best kept", DefaultValueFactory = _ => Defaults.Restarts };
        var output = new Option<string>("--output") { Description = "Output table file (CSV, TSV or XLSX)", Required = true };
        var segmentation = new Option<string?>("--segmentation") { Description = "Segmentation TIFF; required when --output-segmentation is used" };
        var outputSegmentation = new Option<string?>("--output-segmentation")
        {
            Description = "Output TIFF where each segment is painted with its cluster_id; noise segments are left as background (0)",
        };
        var force = CommonOptions.Force();
        var manifest = PaintedSegmentation.ManifestOption();

        var command = new Command("cluster", "Cluster segments on their z-scored numeric measurement features (cluster_id 1-based, -1 = noise).")
        {
            table, method, clusters, eps, minSamples, minClusterSize, bandwidth, binSeeding, minBinFreq, seed, restarts, output, segmentation, outputSegmentation, force, manifest,
        };
        command.SetAction(parse => CliContext.Execute(ctx =>
        {
            var painted = PaintedSegmentation.From(parse.GetValue(segmentation), parse.GetValue(outputSegmentation), parse.GetValue(manifest));
            var options = new ClusteringOptions
            {
                Method = ClusteringMethodNames.Parse(parse.GetValue(method)!),
                Clusters = parse.GetValue(clusters),
                Eps = parse.GetValue(eps),
                MinSamples = parse.GetValue(minSamples),
                MinClusterSize = parse.GetValue(minClusterSize),
                Bandwidth = parse.GetValue(bandwidth) ?? 0,
                BinSeeding = parse.GetValue(binSeeding),
                MinBinFrequency = parse.GetValue(minBinFreq),
                Seed = parse.GetValue(seed),
                Restarts = parse.GetValue(restarts),
            };
            var input = TableFile.Read(parse.GetValue(table)!);
            var result = MeasurementClustering.Cluster(PaintedSegmentation.FeaturesOf(painted, input), options, progress: ctx.CreateProgress());
            PaintedSegmentation.WriteOutputs(PaintedSegmentation.Restore(painted, result.Table, input), parse.GetValue(output)!, painted, MeasurementClustering.IdColumn, parse.GetValue(force));

            var c = CultureInfo.InvariantCulture;
            ctx.Output.WriteLine($"{options.Method.ToName()}: {result.ClusterCount} cluster(s), {result.NoiseCount} noise row(s), {result.Features.Count} feature(s)");
            if (result.Bandwidth is { } bw) ctx.Output.WriteLine($"  bandwidth {bw.ToString("G6", c)}");
            if (result.Inertia is { } inertia) ctx.Output.WriteLine($"  inertia {inertia.ToString("G6", c)}");
            if (result.SkippedSummary is { } skipped) ctx.Error.WriteLine($"segmeasure: warning: {skipped}");
            return 0;
        }));
        return command;
    }
}
