using SegMeasure.Core.Analysis.Classifiers;
using SegMeasure.Core.Analysis;
using SegMeasure.Core.Analysis.Clustering;
using SegMeasure.Core.Analysis.Thresholds;
using SegMeasure.Core.Images;
using SegMeasure.Core.Measurement;
using SegMeasure.Core.Tables;

namespace SegMeasure.Viewer.Tests;

/// <summary>The session's analysis is the core's on the group's concatenated features, split back per member.</summary>
public sealed class ViewerSessionTests
{
    private static ViewerSession Group() => ViewerSession.Create(
        [new ViewerMember(TestFiles.CellsSeg, TestFiles.CellsRaw), new ViewerMember(TestFiles.NucleiSeg, NucleusPath: TestFiles.NucleiSeg)]);

    private static MeasurementTable Stacked() => TableConcat.Concatenate(
        [("a", MeasurementFiles.Morphology(TestFiles.CellsSeg)), ("b", MeasurementFiles.Morphology(TestFiles.NucleiSeg))]);

    [Fact]
    public void Members_without_a_table_get_their_morphology_and_results_carry_the_viewer_columns()
    {
        var tables = Group().ResultTables();
        Assert.Equal([38, 24], tables.Select(t => t.RowCount));
        Assert.Equal(MeasurementFiles.Morphology(TestFiles.CellsSeg).ColumnNames.Concat(ViewerColumns.Names), tables[0].ColumnNames);
        Assert.All(((IntegerColumn)tables[0]["annotation"]).Values, v => Assert.Equal(0, v));
        Assert.All(((IntegerColumn)tables[0]["cluster_id"]).Values, v => Assert.Null(v));
    }

    [Fact]
    public void Thresholds_are_suggested_and_applied_on_the_concatenated_features()
    {
        var session = Group();
        var stacked = Stacked();
        var expected = ThresholdSuggestion.Suggest(ThresholdCategorization.ColumnValues(stacked, "area"), 3, ThresholdMethod.Otsu);
        var suggested = session.SuggestThresholds(null, "area", 3, ThresholdMethod.Otsu);
        Assert.Equal(expected, suggested);

        session.Categorize(null, "area", suggested, ["s", "m", "l"]);
        var categories = ((IntegerColumn)ThresholdCategorization.Categorize(stacked, "area", suggested, ["s", "m", "l"]).Table["category_id"]).Values;
        var results = session.ResultTables();
        Assert.Equal(categories, results.SelectMany(t => ((IntegerColumn)t["category_id"]).Values));
        Assert.Contains("l", ((TextColumn)results[0]["category_name"]).Values);
        Assert.Contains("s", ((TextColumn)results[1]["category_name"]).Values);
    }

    [Fact]
    public void Clusters_of_the_group_equal_the_core_on_the_stacked_table_and_one_member_can_be_targeted()
    {
        var session = Group();
        var options = new ClusteringOptions { Method = ClusteringMethod.KMeans, Clusters = 3 };
        session.Cluster(null, options);
        var expected = ((IntegerColumn)MeasurementClustering.Cluster(Stacked(), options).Table["cluster_id"]).Values;
        Assert.Equal(expected, session.ResultTables().SelectMany(t => ((IntegerColumn)t["cluster_id"]).Values));

        var single = Group();
        single.Cluster(1, options);
        Assert.All(((IntegerColumn)single.ResultTables()[0]["cluster_id"]).Values, v => Assert.Null(v));
        Assert.Equal(((IntegerColumn)MeasurementClustering.Cluster(MeasurementFiles.Morphology(TestFiles.NucleiSeg), options).Table["cluster_id"]).Values,
            ((IntegerColumn)single.ResultTables()[1]["cluster_id"]).Values);
    }

    [Fact]
    public void Painting_projects_a_majority_vote_per_member_and_trains_on_the_whole_group()
    {
        var session = Group();
        var cells = ImageFile.ReadLabels(TestFiles.CellsSeg);
        var nuclei = ImageFile.ReadLabels(TestFiles.NucleiSeg);
        var (cellId, cx, cy) = Interior(cells, 0);
        var (nucleusId, nx, ny) = Interior(nuclei, 0);
        session.Paint(0, new BrushStroke(0, 1, 2, [(cx + 0.5, cy + 0.5)]));
        session.Paint(1, new BrushStroke(0, 2, 2, [(nx + 0.5, ny + 0.5)]));
        var model = session.Classify(null, new ClassifierOptions { Estimators = 10 });
        Assert.Equal([1L, 2L], model.Classes);
        Assert.Equal(2, model.Training.TrainingRows);

        var results = session.ResultTables();
        Assert.Equal(1, AnnotationOf(results[0], cellId));
        Assert.Equal(2, AnnotationOf(results[1], nucleusId));
        Assert.All(((TextColumn)results[0]["classification_name"]).Values, n => Assert.StartsWith("class_", n));

        session.Paint(0, new BrushStroke(0, 0, 3, [(cx + 0.5, cy + 0.5)]));
        Assert.Equal(0, AnnotationOf(session.ResultTables()[0], cellId));
        Assert.Equal(model.ToJson(), session.Model!.ToJson());
    }

    private static long? AnnotationOf(MeasurementTable table, long id)
    {
        var index = (IntegerColumn)table["index"];
        return ((IntegerColumn)table["annotation"])[index.Values.ToList().IndexOf(id)];
    }

    /// <summary>A pixel whose 7×7 neighbourhood belongs to one segment, and that segment (the first found, scanning from the top).</summary>
    internal static (uint Id, int X, int Y) Interior(LabelImage image, int skip)
    {
        var seen = new HashSet<uint>();
        for (int y = 3; y < image.Shape.Height - 3; y++)
            for (int x = 3; x < image.Shape.Width - 3; x++)
            {
                var id = image[0, y, x];
                if (id == 0 || seen.Contains(id)) continue;
                bool inside = true;
                for (int dy = -3; dy <= 3 && inside; dy++)
                    for (int dx = -3; dx <= 3 && inside; dx++)
                        inside = image[0, y + dy, x + dx] == id;
                if (!inside) continue;
                seen.Add(id);
                if (seen.Count > skip) return (id, x, y);
            }

        throw new InvalidOperationException("no interior pixel found");
    }
}
