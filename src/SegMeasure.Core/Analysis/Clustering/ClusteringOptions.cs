namespace SegMeasure.Core.Analysis.Clustering;

/// <summary>
/// Parameters of every clustering method, with the reference tool's defaults. Each method reads
/// only its own parameters.
/// </summary>
public sealed record ClusteringOptions
{
    /// <summary>The defaults, which the command line and the cmdlets take rather than restate.</summary>
    public static ClusteringOptions Default { get; } = new();

    public ClusteringMethod Method { get; init; } = ClusteringMethod.KMeans;

    /// <summary>k-means and Ward: number of clusters.</summary>
    public int Clusters { get; init; } = 3;

    /// <summary>k-means: restarts from different seedings; the lowest inertia wins (scikit-learn's n_init).</summary>
    public int Restarts { get; init; } = 10;

    /// <summary>k-means: maximum Lloyd iterations per restart.</summary>
    public int MaxIterations { get; init; } = 300;

    /// <summary>k-means: relative tolerance on the centre shift (scaled by the mean feature variance).</summary>
    public double Tolerance { get; init; } = 1e-4;

    /// <summary>Seed of the random generator (k-means seeding); a seed always gives the same result.</summary>
    public int Seed { get; init; } = 0;

    /// <summary>DBSCAN: neighbourhood radius in standardised units.</summary>
    public double Eps { get; init; } = 0.5;

    /// <summary>
    /// DBSCAN: points within <see cref="Eps"/> (the point itself included) that make a core point.
    /// HDBSCAN: the neighbour whose distance is a point's core distance (the point itself counted);
    /// null there means <see cref="MinClusterSize"/>, as in scikit-learn and the hdbscan library.
    /// </summary>
    public int? MinSamples { get; init; }

    /// <summary>HDBSCAN: the smallest group of points that counts as a cluster.</summary>
    public int MinClusterSize { get; init; } = 5;

    /// <summary>Mean Shift: kernel radius; 0 or less = estimated from the data as scikit-learn's estimate_bandwidth(quantile=0.3).</summary>
    public double Bandwidth { get; init; }

    /// <summary>Mean Shift: start from the occupied cells of a grid of side <see cref="Bandwidth"/> instead of from every point.</summary>
    public bool BinSeeding { get; init; }

    /// <summary>Mean Shift with bin seeding: only cells holding at least this many points become seeds.</summary>
    public int MinBinFrequency { get; init; } = 1;

    /// <summary>Mean Shift: also assign points outside every kernel to the nearest centre (otherwise noise).</summary>
    public bool ClusterAll { get; init; } = true;

    /// <summary>DBSCAN's default min_samples.</summary>
    public const int DefaultMinSamples = 5;
}
