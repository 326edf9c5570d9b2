namespace SegMeasure.Core.Analysis.Embeddings;

/// <summary>Settings of the 2-D embeddings, with the defaults of scikit-learn's TSNE and umap-learn's UMAP.</summary>
public sealed record EmbeddingOptions
{
    /// <summary>The defaults, which the command line and the cmdlets take rather than restate.</summary>
    public static EmbeddingOptions Default { get; } = new();

    public EmbeddingMethod Method { get; init; } = EmbeddingMethod.Umap;

    /// <summary>Seed of UMAP's random choices (random start, negative samples); the same seed gives the same
    /// embedding. t-SNE starts from PCA and draws no random numbers, so it is deterministic regardless.</summary>
    public int Seed { get; init; }

    /// <summary>t-SNE: effective number of neighbours.</summary>
    public double Perplexity { get; init; } = 30;

    /// <summary>t-SNE: gradient-descent iterations (scikit-learn's n_iter).</summary>
    public int TSneIterations { get; init; } = 1000;

    /// <summary>t-SNE: Barnes–Hut accuracy (0 = exact forces, larger = coarser).</summary>
    public double Angle { get; init; } = 0.5;

    /// <summary>t-SNE: tables up to this many rows use exact gradients, larger ones Barnes–Hut.</summary>
    public int ExactTSneMaxRows { get; init; } = 1000;

    /// <summary>UMAP: neighbourhood size of the fuzzy simplicial set.</summary>
    public int Neighbors { get; init; } = 15;

    /// <summary>UMAP: how tightly points may pack in the embedding.</summary>
    public double MinDistance { get; init; } = 0.1;

    /// <summary>UMAP: scale of the embedded points.</summary>
    public double Spread { get; init; } = 1.0;

    /// <summary>UMAP: layout epochs; null = 500 up to 10 000 rows, else 200 (as umap-learn).</summary>
    public int? Epochs { get; init; }

    /// <summary>UMAP: negative samples per positive one.</summary>
    public int NegativeSampleRate { get; init; } = 5;

    /// <summary>UMAP: start from the graph's spectral layout (true) or from random positions.</summary>
    public bool SpectralInitialization { get; init; } = true;
}
