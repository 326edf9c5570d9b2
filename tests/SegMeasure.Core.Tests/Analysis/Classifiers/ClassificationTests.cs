using SegMeasure.Core.Analysis;
using SegMeasure.Core.Analysis.Classifiers;
using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Tests.Analysis;

public class ClassificationTests
{
    /// <summary>Two well-separated classes in two features, annotated on some rows.</summary>
    private static MeasurementTable Annotated(int rows = 40, double shift = 0)
    {
        var random = new Random(7);
        var a = new double[rows];
        var b = new double[rows];
        var annotation = new long[rows];
        for (int i = 0; i < rows; i++)
        {
            bool second = i % 2 == 1;
            a[i] = (second ? 10 : 0) + random.NextDouble() + shift;
            b[i] = (second ? -5 : 5) + random.NextDouble();
            annotation[i] = i < rows / 2 ? (second ? 4 : 2) : 0;
        }

        return new MeasurementTable([
            new IntegerColumn("index", Enumerable.Range(1, rows).Select(i => (long)i)),
            new DoubleColumn("area", a),
            new DoubleColumn("mean_intensity", b),
            new IntegerColumn("annotation", annotation),
        ]);
    }

    [Theory]
    [InlineData(ClassifierMethod.RandomForest)]
    [InlineData(ClassifierMethod.LogisticRegression)]
    public void Every_row_is_classified_with_the_annotation_ids(ClassifierMethod method)
    {
        var table = Annotated();
        var model = Classification.Train(table, options: new ClassifierOptions { Method = method, Estimators = 10 });
        Assert.Equal(new long[] { 2, 4 }, model.Classes);
        Assert.Equal(["area", "mean_intensity"], model.FeatureNames);
        Assert.Equal(20, model.Training.TrainingRows);

        var result = Classification.Apply(table, model, ["round"]);
        var ids = (IntegerColumn)result.Table[Classification.IdColumn];
        var names = (TextColumn)result.Table[Classification.NameColumn];
        for (int r = 0; r < table.RowCount; r++)
        {
            Assert.Equal(r % 2 == 1 ? 4 : 2, ids[r]);
            // Names map to sorted class ids by position; a missing name falls back to class_<id>.
            Assert.Equal(r % 2 == 1 ? "class_4" : "round", names[r]);
        }

        Assert.Equal(0, result.SkippedRows);
        Assert.Null(result.SkipMessage);
    }

    [Fact]
    public void Rows_with_nan_or_infinite_features_get_id_0_and_are_counted()
    {
        var table = Annotated();
        var area = ((DoubleColumn)table["area"]).Values.ToArray();
        area[3] = double.NaN;      // annotated: left out of training
        area[30] = double.PositiveInfinity; // unannotated: not classified
        table = table.WithColumn(new DoubleColumn("area", area));

        var model = Classification.Train(table, options: new ClassifierOptions { Method = ClassifierMethod.LogisticRegression });
        Assert.Equal(19, model.Training.TrainingRows);
        Assert.Equal(1, model.Training.SkippedRows);

        var result = Classification.Apply(table, model);
        var ids = (IntegerColumn)result.Table[Classification.IdColumn];
        var names = (TextColumn)result.Table[Classification.NameColumn];
        Assert.Equal(0, ids[3]);
        Assert.Equal("", names[3]);
        Assert.Equal(0, ids[30]);
        Assert.Equal(2, result.SkippedRows);
        Assert.Equal(table.RowCount - 2, result.ClassifiedRows);
        Assert.Contains("2 row(s)", result.SkipMessage);
    }

    [Fact]
    public void Previous_results_are_not_features_and_are_replaced()
    {
        var table = Annotated()
            .WithColumn(new IntegerColumn("classification_id", Enumerable.Repeat(9L, 40)))
            .WithColumn(new IntegerColumn("cluster_id", Enumerable.Repeat(1L, 40)));
        var model = Classification.Train(table, options: new ClassifierOptions { Method = ClassifierMethod.LogisticRegression });
        Assert.Equal(["area", "mean_intensity"], model.FeatureNames);
        var result = Classification.Apply(table, model);
        Assert.Equal(table.ColumnCount + 1, result.Table.ColumnCount);
        Assert.DoesNotContain(9L, ((IntegerColumn)result.Table[Classification.IdColumn]).Values);
    }

    [Fact]
    public void Training_concatenates_tables_on_their_shared_features()
    {
        var first = Annotated();
        var second = Annotated(shift: 0.5).WithColumn(new DoubleColumn("extra", new double[40]));
        var model = Classification.Train([first, second], options: new ClassifierOptions { Method = ClassifierMethod.LogisticRegression });
        Assert.Equal(40, model.Training.TrainingRows);
        Assert.Equal(["area", "mean_intensity"], model.FeatureNames);
        Assert.Equal(new[] { 20, 20 }, model.Training.RowsPerClass);
    }

    [Fact]
    public void A_table_lacking_a_feature_column_is_an_error_naming_it()
    {
        var model = Classification.Train(Annotated(), options: new ClassifierOptions { Method = ClassifierMethod.LogisticRegression });
        var e = Assert.ThrowsAny<SegMeasureException>(() => Classification.Apply(Annotated().WithoutColumns(["mean_intensity"]), model));
        Assert.Contains("'mean_intensity'", e.Message);
    }

    [Fact]
    public void Missing_annotation_column_and_unannotated_tables_are_errors()
    {
        var e = Assert.ThrowsAny<SegMeasureException>(() => Classification.Train(Annotated(), "label_class"));
        Assert.Contains("'label_class'", e.Message);
        var none = Annotated().WithColumn(new IntegerColumn("annotation", new long[40]));
        Assert.Contains("no annotated rows", Assert.ThrowsAny<SegMeasureException>(() => Classification.Train(none)).Message);
    }

    [Fact]
    public void Logistic_regression_needs_two_classes_but_a_forest_does_not()
    {
        var table = Annotated();
        var one = table.WithColumn(new IntegerColumn("annotation", Enumerable.Range(0, 40).Select(i => i < 10 ? 1L : 0L)));
        Assert.Throws<SegMeasureException>(() => Classification.Train(one, options: new ClassifierOptions { Method = ClassifierMethod.LogisticRegression }));
        var model = Classification.Train(one, options: new ClassifierOptions { Estimators = 3 });
        Assert.All(((IntegerColumn)Classification.Apply(table, model).Table[Classification.IdColumn]).Values, v => Assert.Equal(1L, v));
    }

    [Fact]
    public void A_forest_depends_only_on_its_seed()
    {
        var table = ClassifierReferenceData.Table("wine.csv").WithoutColumns(["fold"]);
        string Train(int seed, int threads) =>
            Classification.Train(table, options: new ClassifierOptions { Estimators = 20, Seed = seed, MaxDegreeOfParallelism = threads }).ToJson();
        Assert.Equal(Train(3, 1), Train(3, -1));
        Assert.NotEqual(Train(3, 1), Train(4, 1));
    }

    [Fact]
    public void Max_depth_limits_the_trees()
    {
        var table = ClassifierReferenceData.Table("wine.csv").WithoutColumns(["fold"]);
        var model = Classification.Train(table, options: new ClassifierOptions { Estimators = 5, MaxDepth = 1 });
        var forest = Assert.IsType<RandomForest>(model.Estimator);
        Assert.All(forest.Trees, t => Assert.Equal(3, t.NodeCount));
        var deep = (RandomForest)Classification.Train(table, options: new ClassifierOptions { Estimators = 5 }).Estimator;
        Assert.All(deep.Trees, t => Assert.True(t.NodeCount > 3));
    }

    [Fact]
    public void Unlimited_trees_fit_their_bootstrap_rows_exactly()
    {
        // Pure leaves: every training row in a tree's bootstrap is predicted as its own class.
        var table = ClassifierReferenceData.Table("iris.csv").WithoutColumns(["fold"]);
        var model = Classification.Train(table, options: new ClassifierOptions { Estimators = 50 });
        var result = Classification.Apply(table, model);
        var ids = (IntegerColumn)result.Table[Classification.IdColumn];
        var truth = (IntegerColumn)table["annotation"];
        var agreement = Enumerable.Range(0, table.RowCount).Count(r => ids[r] == truth[r]) / (double)table.RowCount;
        Assert.True(agreement >= 0.99, $"training accuracy {agreement}");
    }
}
