using SegMeasure.Core.Analysis.Classifiers;
using SegMeasure.Core.Analysis.Clustering;
using SegMeasure.Core.Analysis.Embeddings;
using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Tests.Analysis;

/// <summary>
/// Ctrl+C reaches every long analysis: the token is cancelled from inside the run (at its first
/// progress report), and the run must then end with <see cref="OperationCanceledException"/>
/// within a bounded number of further reports — counted, not timed.
/// </summary>
public class CancellationTests
{
    /// <summary>Cancels at report number <paramref name="cancelAt"/>; reports synchronously on the reporting thread
    /// (Progress&lt;T&gt; would post them elsewhere).</summary>
    private sealed class CancellingProgress(CancellationTokenSource source, int cancelAt) : IProgress<WorkProgress>
    {
        private int _reports;

        public int ReportsAfterCancel => Math.Max(0, _reports - cancelAt);

        public void Report(WorkProgress value)
        {
            if (Interlocked.Increment(ref _reports) >= cancelAt) source.Cancel();
        }
    }

    /// <summary>Four blobs of <paramref name="rows"/> points in four features; every tenth row annotated with its blob.</summary>
    private static MeasurementTable Blobs(int rows)
    {
        var random = new Random(3);
        var features = Enumerable.Range(0, 4).Select(_ => new double[rows]).ToArray();
        var annotation = new long[rows];
        for (int i = 0; i < rows; i++)
        {
            int blob = i % 4;
            for (int f = 0; f < 4; f++) features[f][i] = 5 * ((blob >> (f % 2)) & 1) + random.NextDouble();
            annotation[i] = i % 10 == 0 ? blob + 1 : 0;
        }

        return new MeasurementTable([
            new IntegerColumn("index", Enumerable.Range(1, rows).Select(i => (long)i)),
            new DoubleColumn("a", features[0]), new DoubleColumn("b", features[1]),
            new DoubleColumn("c", features[2]), new DoubleColumn("d", features[3]),
            new IntegerColumn("annotation", annotation),
        ]);
    }

    private static void AssertStopsWithin(int maxReportsAfterCancel, Action<IProgress<WorkProgress>, CancellationToken> run, int cancelAt = 1)
    {
        using var source = new CancellationTokenSource();
        var progress = new CancellingProgress(source, cancelAt);
        Assert.ThrowsAny<OperationCanceledException>(() => run(progress, source.Token));
        Assert.True(source.IsCancellationRequested, "the run never reported progress, so it was never cancelled");
        Assert.InRange(progress.ReportsAfterCancel, 0, maxReportsAfterCancel);
    }

    /// <summary>t-SNE reports the start and end of its affinities, then every 50 iterations; UMAP every 20 epochs.</summary>
    [Theory]
    [InlineData(EmbeddingMethod.TSne, 1)]
    [InlineData(EmbeddingMethod.TSne, 3)]
    [InlineData(EmbeddingMethod.Umap, 1)]
    [InlineData(EmbeddingMethod.Umap, 2)]
    public void Embeddings_stop_at_the_next_iteration(EmbeddingMethod method, int cancelAtReport)
    {
        var table = Blobs(1500);
        AssertStopsWithin(0, (progress, ct) => Embedding.Compute(table, new EmbeddingOptions { Method = method }, progress: progress, cancellation: ct), cancelAtReport);
    }

    [Theory]
    [InlineData(ClusteringMethod.KMeans)]
    [InlineData(ClusteringMethod.DbScan)]
    [InlineData(ClusteringMethod.Hdbscan)]
    [InlineData(ClusteringMethod.MeanShift)]
    [InlineData(ClusteringMethod.Ward)]
    public void Clustering_stops_before_its_algorithm_finishes(ClusteringMethod method)
    {
        var table = Blobs(1500);
        // The run reports once before the algorithm and once after it: a cancelled algorithm never reaches the second.
        AssertStopsWithin(0, (progress, ct) => MeasurementClustering.Cluster(table, new ClusteringOptions { Method = method }, progress: progress, cancellationToken: ct));
    }

    [Fact]
    public void Random_forest_training_stops_with_at_most_the_trees_in_flight()
    {
        var table = Blobs(3000);
        AssertStopsWithin(Environment.ProcessorCount, (progress, ct) => Classification.Train(table, options: new ClassifierOptions { Estimators = 200 }, progress: progress, cancellation: ct));
    }

    [Fact]
    public void Logistic_regression_training_stops_when_cancelled()
    {
        var table = Blobs(3000);
        using var source = new CancellationTokenSource();
        source.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            Classification.Train(table, options: new ClassifierOptions { Method = ClassifierMethod.LogisticRegression }, cancellation: source.Token));
    }
}
