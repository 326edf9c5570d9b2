namespace SegMeasure.Core.Analysis.Classifiers;

/// <summary>A fitted classifier over standardised feature rows that gives one probability per class.</summary>
public interface IProbabilisticClassifier
{
    /// <summary>Number of classes; probabilities are indexed by the position of the class in the sorted class ids.</summary>
    int ClassCount { get; }

    /// <summary>Length of the feature rows the classifier expects.</summary>
    int FeatureCount { get; }

    double[] PredictProbabilities(double[] row);
}
