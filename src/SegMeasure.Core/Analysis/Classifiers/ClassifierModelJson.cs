using System.Text;
using System.Text.Json;

namespace SegMeasure.Core.Analysis.Classifiers;

/// <summary>
/// The classifier file format: plain JSON, <c>{"format": "segmeasure-classifier", "version": 1, …}</c>
/// with the method, the feature columns, the scaler, the class ids, the training settings and
/// summary, and the estimator's numbers (logistic regression coefficients, or the forest's trees
/// as flat node arrays). Reading checks every part, so a damaged or foreign file is a clear error.
/// </summary>
internal static class ClassifierModelJson
{
    public const string FormatName = "segmeasure-classifier";
    public const int FormatVersion = 1;

    public static string Write(ClassifierModel model)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", FormatName);
            w.WriteNumber("version", FormatVersion);
            w.WriteString("method", model.Method.ToName());
            WriteStrings(w, "features", model.FeatureNames);
            w.WriteStartObject("scaler");
            WriteNumbers(w, "mean", model.Scaler.Mean);
            WriteNumbers(w, "scale", model.Scaler.Scale);
            w.WriteEndObject();
            w.WriteStartArray("classes");
            foreach (var c in model.Classes) w.WriteNumberValue(c);
            w.WriteEndArray();

            w.WriteStartObject("parameters");
            if (model.Method == ClassifierMethod.RandomForest)
            {
                w.WriteNumber("n_estimators", model.Options.Estimators);
                if (model.Options.MaxDepth is > 0) w.WriteNumber("max_depth", model.Options.MaxDepth.Value);
                else w.WriteNull("max_depth");
                w.WriteNumber("seed", model.Options.Seed);
            }
            else
            {
                w.WriteNumber("c", model.Options.C);
                w.WriteNumber("max_iter", model.Options.MaxIterations);
            }

            w.WriteEndObject();

            w.WriteStartObject("training");
            w.WriteNumber("rows", model.Training.TrainingRows);
            w.WriteNumber("skipped_rows", model.Training.SkippedRows);
            w.WriteStartArray("rows_per_class");
            foreach (var c in model.Training.RowsPerClass) w.WriteNumberValue(c);
            w.WriteEndArray();
            w.WriteEndObject();

            switch (model.Estimator)
            {
                case LogisticRegression lr:
                    w.WriteStartObject("logistic_regression");
                    w.WriteStartArray("coefficients");
                    foreach (var row in lr.Coefficients) WriteNumberArray(w, row);
                    w.WriteEndArray();
                    WriteNumbers(w, "intercepts", lr.Intercepts);
                    w.WriteEndObject();
                    break;
                case RandomForest forest:
                    w.WriteStartObject("random_forest");
                    w.WriteStartArray("trees");
                    foreach (var tree in forest.Trees) WriteTree(w, tree);
                    w.WriteEndArray();
                    w.WriteEndObject();
                    break;
                default:
                    throw new NotSupportedException($"cannot save a {model.Estimator.GetType().Name}");
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static ClassifierModel Read(string json, string? path = null)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            // A .joblib/pickle file from the Python tool lands here: say why it is not read.
            throw Invalid(path, $"not a JSON file ({e.Message}); classifiers are read only from the JSON files train-classifier writes, never from joblib/pickle files, which can run code");
        }

        using (document)
        {
            try
            {
                return Parse(document.RootElement, path);
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException or KeyNotFoundException or ArgumentException or OverflowException)
            {
                throw Invalid(path, $"malformed classifier file ({e.Message})");
            }
        }
    }

    private static ClassifierModel Parse(JsonElement root, string? path)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != FormatName)
            throw Invalid(path, $"not a SegMeasure classifier (expected \"format\": \"{FormatName}\")");
        int version = root.GetProperty("version").GetInt32();
        if (version != FormatVersion)
            throw new SegMeasureException("SegMeasure.UnsupportedClassifierVersion", ErrorKind.NotSupported,
                $"{Where(path)}classifier format version {version} is not supported (this version reads {FormatVersion})", path);

        var method = ClassifierMethodNames.Parse(root.GetProperty("method").GetString()!);
        var features = root.GetProperty("features").EnumerateArray().Select(e => e.GetString() ?? throw new FormatException("a feature name is null")).ToArray();
        if (features.Length == 0) throw Invalid(path, "the model lists no feature columns");
        if (features.Distinct(StringComparer.Ordinal).Count() != features.Length) throw Invalid(path, "the model lists a feature column twice");
        var scaler = root.GetProperty("scaler");
        var mean = Numbers(scaler.GetProperty("mean"));
        var scale = Numbers(scaler.GetProperty("scale"));
        if (mean.Length != features.Length || scale.Length != features.Length) throw Invalid(path, "the scaler does not match the feature columns");
        if (mean.Any(v => !double.IsFinite(v)) || scale.Any(v => !double.IsFinite(v) || v <= 0)) throw Invalid(path, "the scaler holds invalid values");
        var classes = root.GetProperty("classes").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        if (classes.Length == 0 || classes.Any(c => c <= 0)) throw Invalid(path, "class ids must be positive integers");
        for (int i = 1; i < classes.Length; i++)
            if (classes[i] <= classes[i - 1]) throw Invalid(path, "class ids must be sorted and distinct");

        var parameters = root.GetProperty("parameters");
        var options = new ClassifierOptions { Method = method };
        if (method == ClassifierMethod.RandomForest)
            options = options with
            {
                Estimators = parameters.GetProperty("n_estimators").GetInt32(),
                MaxDepth = parameters.TryGetProperty("max_depth", out var depth) && depth.ValueKind == JsonValueKind.Number ? depth.GetInt32() : null,
                Seed = parameters.TryGetProperty("seed", out var seed) ? seed.GetInt32() : 0,
            };
        else
            options = options with { C = parameters.GetProperty("c").GetDouble(), MaxIterations = parameters.GetProperty("max_iter").GetInt32() };

        var training = root.TryGetProperty("training", out var t)
            ? new TrainingSummary(t.GetProperty("rows").GetInt32(), t.GetProperty("skipped_rows").GetInt32(),
                t.GetProperty("rows_per_class").EnumerateArray().Select(e => e.GetInt32()).ToArray())
            : new TrainingSummary(0, 0, []);

        IProbabilisticClassifier estimator = method == ClassifierMethod.LogisticRegression
            ? ReadLogisticRegression(root.GetProperty("logistic_regression"), features.Length, classes.Length, path)
            : ReadForest(root.GetProperty("random_forest"), features.Length, classes.Length, path);
        return new ClassifierModel(method, features, new Standardizer(mean, scale), classes, estimator, options, training);
    }

    private static LogisticRegression ReadLogisticRegression(JsonElement e, int features, int classCount, string? path)
    {
        if (classCount < 2) throw Invalid(path, "a logistic regression needs at least two classes");
        var coefficients = e.GetProperty("coefficients").EnumerateArray().Select(Numbers).ToArray();
        var intercepts = Numbers(e.GetProperty("intercepts"));
        int functions = classCount == 2 ? 1 : classCount;
        if (coefficients.Length != functions || intercepts.Length != functions || coefficients.Any(r => r.Length != features))
            throw Invalid(path, "the logistic regression coefficients do not match the features and classes");
        if (coefficients.SelectMany(r => r).Concat(intercepts).Any(v => !double.IsFinite(v)))
            throw Invalid(path, "the logistic regression holds non-finite coefficients");
        return new LogisticRegression(coefficients, intercepts, classCount);
    }

    private static RandomForest ReadForest(JsonElement e, int features, int classCount, string? path)
    {
        var trees = new List<DecisionTree>();
        foreach (var t in e.GetProperty("trees").EnumerateArray())
        {
            var value = t.GetProperty("value").EnumerateArray()
                .Select(v => v.ValueKind == JsonValueKind.Null ? null : Numbers(v)).ToArray();
            var tree = new DecisionTree(
                t.GetProperty("feature").EnumerateArray().Select(v => v.GetInt32()).ToArray(),
                Numbers(t.GetProperty("threshold")),
                t.GetProperty("left").EnumerateArray().Select(v => v.GetInt32()).ToArray(),
                t.GetProperty("right").EnumerateArray().Select(v => v.GetInt32()).ToArray(),
                value, classCount, features);
            if (tree.Validate() is { } problem) throw Invalid(path, problem);
            trees.Add(tree);
        }

        if (trees.Count == 0) throw Invalid(path, "the random forest has no trees");
        return new RandomForest(trees, classCount, features);
    }

    private static void WriteTree(Utf8JsonWriter w, DecisionTree tree)
    {
        w.WriteStartObject();
        w.WriteStartArray("feature");
        foreach (var f in tree.Feature) w.WriteNumberValue(f);
        w.WriteEndArray();
        WriteNumbers(w, "threshold", tree.Threshold);
        w.WriteStartArray("left");
        foreach (var f in tree.Left) w.WriteNumberValue(f);
        w.WriteEndArray();
        w.WriteStartArray("right");
        foreach (var f in tree.Right) w.WriteNumberValue(f);
        w.WriteEndArray();
        w.WriteStartArray("value");
        foreach (var v in tree.Value)
        {
            if (v is null) w.WriteNullValue();
            else WriteNumberArray(w, v);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }

    private static void WriteNumbers(Utf8JsonWriter w, string name, double[] values)
    {
        w.WritePropertyName(name);
        WriteNumberArray(w, values);
    }

    private static void WriteNumberArray(Utf8JsonWriter w, double[] values)
    {
        w.WriteStartArray();
        foreach (var v in values) w.WriteNumberValue(v);
        w.WriteEndArray();
    }

    private static double[] Numbers(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    private static string Where(string? path) => path is null ? "" : $"{path}: ";

    private static SegMeasureException Invalid(string? path, string problem) =>
        new("SegMeasure.InvalidClassifier", ErrorKind.InvalidData, $"{Where(path)}{problem}", path);
}
