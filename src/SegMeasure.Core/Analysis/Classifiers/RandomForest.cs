namespace SegMeasure.Core.Analysis.Classifiers;

/// <summary>
/// Breiman's random forest as scikit-learn's RandomForestClassifier: each tree is a CART tree
/// grown on a bootstrap sample (n draws with replacement, carried as sample weights) with
/// √(features) candidate features per split and Gini impurity; the forest predicts the mean of
/// the trees' class probabilities. Trees are grown in parallel, each from its own seed drawn in
/// order from the forest's seed, so the result depends only on the seed.
/// </summary>
internal sealed class RandomForest : IProbabilisticClassifier
{
    public RandomForest(IReadOnlyList<DecisionTree> trees, int classCount, int featureCount)
    {
        if (trees.Count == 0) throw new ArgumentException("a forest needs at least one tree", nameof(trees));
        Trees = trees;
        ClassCount = classCount;
        FeatureCount = featureCount;
    }

    public IReadOnlyList<DecisionTree> Trees { get; }
    public int ClassCount { get; }
    public int FeatureCount { get; }

    /// <summary>scikit-learn's <c>max_features="sqrt"</c>: ⌊√d⌋, at least 1.</summary>
    public static int SqrtFeatures(int featureCount) => Math.Max(1, (int)Math.Sqrt(featureCount));

    /// <summary>
    /// Grows <paramref name="estimators"/> trees on <paramref name="rows"/> (any scale: trees are
    /// invariant to monotone rescaling) with class positions <paramref name="classes"/>
    /// (0 … classCount-1). A <paramref name="maxDepth"/> of null or 0 grows every tree until its
    /// leaves are pure; <paramref name="maxDegreeOfParallelism"/> -1 uses every core.
    /// </summary>
    public static RandomForest Fit(IReadOnlyList<double[]> rows, IReadOnlyList<int> classes, int classCount,
        int estimators = 100, int? maxDepth = null, int seed = 0, int maxDegreeOfParallelism = -1,
        IProgress<WorkProgress>? progress = null, CancellationToken cancellation = default)
    {
        if (rows.Count == 0) throw new ArgumentException("no training rows", nameof(rows));
        if (estimators < 1)
            throw new SegMeasureException("SegMeasure.InvalidArgument", ErrorKind.InvalidArgument, $"the number of trees must be at least 1, not {estimators}");
        if (maxDepth < 0)
            throw new SegMeasureException("SegMeasure.InvalidArgument", ErrorKind.InvalidArgument, $"the maximum depth must be 0 (unlimited) or more, not {maxDepth}");

        int n = rows.Count, d = rows[0].Length;
        var columns = new double[d][];
        for (int f = 0; f < d; f++)
        {
            columns[f] = new double[n];
            for (int i = 0; i < n; i++) columns[f][i] = rows[i][f];
        }

        var labels = classes.ToArray();
        var builder = new DecisionTreeBuilder(columns, labels, classCount, SqrtFeatures(d), maxDepth);
        var master = new Random(seed);
        var treeSeeds = Enumerable.Range(0, estimators).Select(_ => master.Next()).ToArray();
        var trees = new DecisionTree[estimators];
        int done = 0;
        Parallel.For(0, estimators, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellation }, t =>
        {
            var random = new Random(treeSeeds[t]);
            var weights = new double[n];
            for (int i = 0; i < n; i++) weights[random.Next(n)] += 1;
            trees[t] = builder.Build(weights, random, cancellation);
            progress?.Report(new WorkProgress("Growing trees", Interlocked.Increment(ref done), estimators));
        });
        return new RandomForest(trees, classCount, d);
    }

    public double[] PredictProbabilities(double[] row)
    {
        var sum = new double[ClassCount];
        foreach (var tree in Trees)
        {
            var p = tree.Value[tree.LeafOf(row)]!;
            for (int c = 0; c < sum.Length; c++) sum[c] += p[c];
        }

        for (int c = 0; c < sum.Length; c++) sum[c] /= Trees.Count;
        return sum;
    }
}
