namespace SegMeasure.Bench.Classifiers;

/// <summary>The <c>random-forest</c> mode.</summary>
public sealed class RandomForestMode : IBenchmark
{
    public string Name => "random-forest";

    public string Description => "random forest and logistic regression training vs scikit-learn (n_jobs=1)";

    public int Run(string[] args) => RandomForestBench.Run(args);
}
