using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Analysis.Classifiers;

/// <summary>
/// The spec's <c>train_classifier</c> and <c>apply_classifier</c>: train on the rows whose
/// annotation is above 0 (from one or more tables), standardise inside the model, and apply the
/// model to every row, adding <c>classification_id</c> and <c>classification_name</c>. Rows with
/// a NaN or infinite feature are not fed to the classifier: in training they are left out, in
/// applying they get id 0 and an empty name; both are counted in the result.
/// </summary>
public static class Classification
{
    public const string IdColumn = "classification_id";
    public const string NameColumn = "classification_name";
    public const string DefaultAnnotationColumn = "annotation";

    public static ClassifierModel Train(MeasurementTable table, string annotationColumn = DefaultAnnotationColumn, ClassifierOptions? options = null,
        IProgress<WorkProgress>? progress = null, CancellationToken cancellation = default) =>
        Train([table], annotationColumn, options, progress, cancellation);

    /// <summary>
    /// Trains on the annotated rows of <paramref name="tables"/>, concatenated. The features are
    /// the numeric columns every table shares (excluding the key, the annotation and analysis
    /// results), in the first table's order.
    /// </summary>
    public static ClassifierModel Train(IReadOnlyList<MeasurementTable> tables, string annotationColumn = DefaultAnnotationColumn, ClassifierOptions? options = null,
        IProgress<WorkProgress>? progress = null, CancellationToken cancellation = default)
    {
        options ??= new ClassifierOptions();
        if (tables.Count == 0) throw new ArgumentException("no tables to train on", nameof(tables));
        foreach (var table in tables)
        {
            var column = table.Find(annotationColumn)
                ?? throw new SegMeasureException("SegMeasure.MissingAnnotation", ErrorKind.InvalidData, $"annotation column '{annotationColumn}' not found");
            if (column.Kind == ColumnKind.Text)
                throw new SegMeasureException("SegMeasure.InvalidAnnotation", ErrorKind.InvalidData, $"annotation column '{annotationColumn}' holds text, not class ids");
        }

        var shared = FeatureMatrix.FromTable(tables[0], annotationColumn).FeatureNames.ToList();
        foreach (var table in tables.Skip(1))
        {
            var names = new HashSet<string>(FeatureMatrix.FromTable(table, annotationColumn).FeatureNames, StringComparer.Ordinal);
            shared.RemoveAll(n => !names.Contains(n));
        }

        if (shared.Count == 0)
            throw new SegMeasureException("SegMeasure.NoFeatures", ErrorKind.InvalidData, "the tables share no numeric feature columns");

        var rows = new List<double[]>();
        var labels = new List<long>();
        int annotated = 0;
        foreach (var table in tables)
        {
            var features = FeatureMatrix.FromTable(table, annotationColumn, shared);
            var annotation = table[annotationColumn];
            for (int r = 0; r < table.RowCount; r++)
            {
                double a = annotation.GetDouble(r);
                if (!(a > 0)) continue;
                if (a != Math.Floor(a) || a > long.MaxValue)
                    throw new SegMeasureException("SegMeasure.InvalidAnnotation", ErrorKind.InvalidData,
                        $"annotation column '{annotationColumn}' holds {a}, not an integer class id");
                annotated++;
                if (!features.IsValid[r]) continue;
                rows.Add(features.Rows[r]);
                labels.Add((long)a);
            }
        }

        if (annotated == 0)
            throw new SegMeasureException("SegMeasure.NoAnnotations", ErrorKind.InvalidData, "no annotated rows found (all annotation values are 0)");
        if (rows.Count == 0)
            throw new SegMeasureException("SegMeasure.NoAnnotations", ErrorKind.InvalidData, "all annotated rows contain NaN or infinite feature values");

        var classes = labels.Distinct().Order().ToArray();
        var position = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
        var y = labels.Select(l => position[l]).ToArray();
        var scaler = Standardizer.Fit(rows);
        var x = scaler.Transform(rows);
        IProbabilisticClassifier estimator = options.Method switch
        {
            ClassifierMethod.LogisticRegression => LogisticRegression.Fit(x, y, classes.Length, options.C, options.MaxIterations, cancellation),
            _ => RandomForest.Fit(x, y, classes.Length, options.Estimators, options.MaxDepth, options.Seed, options.MaxDegreeOfParallelism, progress, cancellation),
        };
        var perClass = classes.Select((_, i) => y.Count(v => v == i)).ToArray();
        return new ClassifierModel(options.Method, shared, scaler, classes, estimator, options, new TrainingSummary(rows.Count, annotated - rows.Count, perClass));
    }

    /// <summary>
    /// Applies <paramref name="model"/> to every row of <paramref name="table"/>. Class names map
    /// to the model's sorted class ids by position; missing names fall back to <c>class_&lt;id&gt;</c>.
    /// A feature column the model expects but the table lacks is an error naming it.
    /// </summary>
    public static ClassificationResult Apply(MeasurementTable table, ClassifierModel model, IReadOnlyList<string>? classNames = null)
    {
        var features = FeatureMatrix.FromTable(table, annotationColumn: null, model.FeatureNames);
        var ids = new long?[table.RowCount];
        var names = new string?[table.RowCount];
        var nameOf = model.Classes.Select((c, i) => classNames is not null && i < classNames.Count && !string.IsNullOrEmpty(classNames[i]) ? classNames[i] : $"class_{c}").ToArray();
        var positions = model.Classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
        Parallel.For(0, table.RowCount, r =>
        {
            if (!features.IsValid[r])
            {
                ids[r] = 0;
                names[r] = "";
                return;
            }

            var id = model.Predict(features.Rows[r]);
            ids[r] = id;
            names[r] = nameOf[positions[id]];
        });

        var result = table.WithColumn(new IntegerColumn(IdColumn, ids)).WithColumn(new TextColumn(NameColumn, names));
        return new ClassificationResult(result, table.RowCount - features.SkippedCount, features.SkippedCount);
    }
}

/// <summary>The classified table and how many rows were classified or skipped (NaN or infinite features).</summary>
public sealed record ClassificationResult(MeasurementTable Table, int ClassifiedRows, int SkippedRows)
{
    /// <summary>A sentence for the user when rows were skipped, else null.</summary>
    public string? SkipMessage => SkippedRows == 0 ? null
        : $"{SkippedRows} row(s) have a NaN or infinite feature value and were not classified (classification_id 0)";
}
