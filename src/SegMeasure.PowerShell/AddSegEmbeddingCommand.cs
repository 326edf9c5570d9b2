using System.Management.Automation;
using SegMeasure.Core.Analysis;
using SegMeasure.Core.Analysis.Embeddings;
using SegMeasure.Core.Tables;

namespace SegMeasure.PowerShell;

/// <summary>
/// <para type="synopsis">Adds a 2-D embedding (UMAP, t-SNE or PCA) of the measurement features: embedding_1 and embedding_2.</para>
/// </summary>
[Cmdlet(VerbsCommon.Add, "SegEmbedding")]
[OutputType(typeof(PSObject))]
public sealed class AddSegEmbeddingCommand : TableCmdlet
{
    [Parameter]
    [ValidateSet("umap", "tsne", "pca")]
    public string Method { get; set; } = EmbeddingOptions.Default.Method.ToName();

    [Parameter]
    public int Seed { get; set; } = EmbeddingOptions.Default.Seed;

    [Parameter]
    public double Perplexity { get; set; } = EmbeddingOptions.Default.Perplexity;

    [Parameter]
    [ValidateRange(2, int.MaxValue)]
    public int NNeighbors { get; set; } = EmbeddingOptions.Default.Neighbors;

    [Parameter]
    public double MinDist { get; set; } = EmbeddingOptions.Default.MinDistance;

    protected override MeasurementTable Process(MeasurementTable table)
    {
        var options = new EmbeddingOptions
        {
            Method = EmbeddingMethodNames.Parse(Method),
            Seed = Seed,
            Perplexity = Perplexity,
            Neighbors = NNeighbors,
            MinDistance = MinDist,
        };
        var result = Run((progress, ct) => Embedding.Compute(table, options, progress: progress, cancellation: ct));
        if (result.SkipMessage is { } skipped) WriteWarning(skipped);
        return result.Table;
    }
}
