namespace SegMeasure.Core.Analysis.Classifiers;

/// <summary>Training settings, with the spec's defaults: random forest of 100 unlimited-depth trees;
/// logistic regression with C = 1 and at most 1000 solver iterations.</summary>
public sealed record ClassifierOptions
{
    /// <summary>The defaults, which the command line and the cmdlets take rather than restate.</summary>
    public static ClassifierOptions Default { get; } = new();

    public ClassifierMethod Method { get; init; } = ClassifierMethod.RandomForest;

    /// <summary>Random forest: number of trees.</summary>
    public int Estimators { get; init; } = 100;

    /// <summary>Random forest: maximum tree depth; null or 0 = unlimited.</summary>
    public int? MaxDepth { get; init; }

    /// <summary>Logistic regression: inverse regularisation strength.</summary>
    public double C { get; init; } = 1.0;

    /// <summary>Logistic regression: maximum number of solver iterations.</summary>
    public int MaxIterations { get; init; } = 1000;

    /// <summary>Seed of the random forest's bootstrap and feature draws.</summary>
    public int Seed { get; init; }

    /// <summary>-1 uses every core.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;
}
