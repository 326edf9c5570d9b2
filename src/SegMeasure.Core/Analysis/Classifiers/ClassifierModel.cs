namespace SegMeasure.Core.Analysis.Classifiers;

/// <summary>
/// A trained classifier with everything needed to apply it to another table: the feature
/// columns it expects (in order), the standardiser fitted on the training rows, the sorted
/// class ids (annotation values) and the fitted estimator. Saved as versioned JSON
/// (<see cref="ClassifierModelJson"/>), never in a format that can execute code.
/// </summary>
public sealed class ClassifierModel
{
    public ClassifierModel(ClassifierMethod method, IReadOnlyList<string> featureNames, Standardizer scaler, IReadOnlyList<long> classes,
        IProbabilisticClassifier estimator, ClassifierOptions options, TrainingSummary training)
    {
        if (featureNames.Count == 0) throw new ArgumentException("a model needs at least one feature", nameof(featureNames));
        if (scaler.Mean.Length != featureNames.Count || scaler.Scale.Length != featureNames.Count)
            throw new ArgumentException("the scaler does not match the features", nameof(scaler));
        if (estimator.FeatureCount != featureNames.Count || estimator.ClassCount != classes.Count)
            throw new ArgumentException("the estimator does not match the features or classes", nameof(estimator));
        Method = method;
        FeatureNames = featureNames;
        Scaler = scaler;
        Classes = classes;
        Estimator = estimator;
        Options = options;
        Training = training;
    }

    public ClassifierMethod Method { get; }
    public IReadOnlyList<string> FeatureNames { get; }
    public Standardizer Scaler { get; }

    /// <summary>Class ids in ascending order; probabilities and class names follow this order.</summary>
    public IReadOnlyList<long> Classes { get; }

    public IProbabilisticClassifier Estimator { get; }
    public ClassifierOptions Options { get; }
    public TrainingSummary Training { get; }

    /// <summary>Class probabilities of one raw (unstandardised) feature row, in <see cref="Classes"/> order.</summary>
    public double[] PredictProbabilities(double[] features) => Estimator.PredictProbabilities(Scaler.Transform(features));

    /// <summary>The most probable class id (the first on ties, as numpy's argmax).</summary>
    public long Predict(double[] features)
    {
        var p = PredictProbabilities(features);
        int best = 0;
        for (int c = 1; c < p.Length; c++)
            if (p[c] > p[best]) best = c;
        return Classes[best];
    }

    public string ToJson() => ClassifierModelJson.Write(this);

    public static ClassifierModel FromJson(string json, string? path = null) => ClassifierModelJson.Read(json, path);

    /// <summary>Writes the model to <paramref name="path"/> (through a temporary file); an existing file needs <paramref name="overwrite"/>.</summary>
    public void Save(string path, bool overwrite = false) =>
        OutputFile.Write(path, overwrite, stream =>
        {
            using var writer = new StreamWriter(stream);
            writer.Write(ToJson());
        }, "the classifier");

    public static ClassifierModel Load(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (FileNotFoundException e)
        {
            throw new SegMeasureException("SegMeasure.FileNotFound", ErrorKind.NotFound, $"{path}: the classifier file does not exist", path, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SegMeasureException("SegMeasure.ReadFailed", ErrorKind.InvalidData, $"{path}: cannot read the classifier: {e.Message}", path, e);
        }

        return FromJson(json, path);
    }
}

/// <summary>What went into a model: rows used per class, and annotated rows left out because a
/// feature was NaN or infinite.</summary>
public sealed record TrainingSummary(int TrainingRows, int SkippedRows, IReadOnlyList<int> RowsPerClass);
