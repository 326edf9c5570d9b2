namespace SegMeasure.Core.Analysis.Classifiers;

/// <summary>The classifiers the spec offers; names in files and on the command line are <c>random_forest</c>
/// and <c>logistic_regression</c>.</summary>
public enum ClassifierMethod
{
    RandomForest,
    LogisticRegression,
}

public static class ClassifierMethodNames
{
    public static string ToName(this ClassifierMethod method) => method switch
    {
        ClassifierMethod.RandomForest => "random_forest",
        ClassifierMethod.LogisticRegression => "logistic_regression",
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };

    /// <summary>Parses <c>random_forest</c> / <c>logistic_regression</c> (also without the underscore, any case).</summary>
    public static ClassifierMethod Parse(string name) => name.Replace("_", "").Replace("-", "").ToLowerInvariant() switch
    {
        "randomforest" or "rf" => ClassifierMethod.RandomForest,
        "logisticregression" or "lr" => ClassifierMethod.LogisticRegression,
        _ => throw new SegMeasureException("SegMeasure.UnknownMethod", ErrorKind.InvalidArgument,
            $"unknown classifier method '{name}' (use random_forest or logistic_regression)"),
    };
}
