namespace SegMeasure.Core.Analysis.Embeddings;

/// <summary>2-D feature reductions of the Clustering widget: UMAP (its default), t-SNE and PCA.</summary>
public enum EmbeddingMethod
{
    Umap,
    TSne,
    Pca,
}

public static class EmbeddingMethodNames
{
    public static string ToName(this EmbeddingMethod method) => method switch
    {
        EmbeddingMethod.Umap => "umap",
        EmbeddingMethod.TSne => "tsne",
        EmbeddingMethod.Pca => "pca",
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };

    /// <summary>Parses <c>umap</c>, <c>tsne</c> (or <c>t-sne</c>) and <c>pca</c>, any case.</summary>
    public static EmbeddingMethod Parse(string name) => name.Replace("-", "").Replace("_", "").ToLowerInvariant() switch
    {
        "umap" => EmbeddingMethod.Umap,
        "tsne" => EmbeddingMethod.TSne,
        "pca" => EmbeddingMethod.Pca,
        _ => throw new SegMeasureException("SegMeasure.UnknownMethod", ErrorKind.InvalidArgument,
            $"unknown embedding method '{name}' (use umap, tsne or pca)"),
    };
}
