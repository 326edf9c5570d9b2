using SegMeasure.Core.Analysis.Embeddings;
using SegMeasure.Core.Analysis.Classifiers;
using SegMeasure.Core.Analysis;
using SegMeasure.Core.Analysis.Clustering;
using SegMeasure.Core.Analysis.Thresholds;
using SegMeasure.Core.Tables;

namespace SegMeasure.Viewer;

/// <summary>
/// The columns the viewer adds to a member's rows, with the spec's names: the projected
/// annotation, threshold categories, clusters and classifier predictions. Values the user has not
/// computed are missing (empty), except the annotation, which is 0 for unannotated segments.
/// </summary>
public sealed class ViewerColumns
{
    public static IReadOnlyList<string> Names { get; } =
    [
        Classification.DefaultAnnotationColumn, ThresholdCategorization.IdColumn, ThresholdCategorization.NameColumn,
        MeasurementClustering.IdColumn, Classification.IdColumn, Classification.NameColumn,
    ];

    public ViewerColumns(int rows)
    {
        Annotation = new long?[rows];
        Array.Fill(Annotation, 0L);
        CategoryId = new long?[rows];
        CategoryName = new string?[rows];
        ClusterId = new long?[rows];
        ClassificationId = new long?[rows];
        ClassificationName = new string?[rows];
    }

    public long?[] Annotation { get; set; }
    public long?[] CategoryId { get; set; }
    public string?[] CategoryName { get; set; }
    public long?[] ClusterId { get; set; }
    public long?[] ClassificationId { get; set; }
    public string?[] ClassificationName { get; set; }

    /// <summary><paramref name="table"/> with the six columns appended (or replaced).</summary>
    public MeasurementTable AppendTo(MeasurementTable table) => table
        .WithColumn(new IntegerColumn(Names[0], Annotation))
        .WithColumn(new IntegerColumn(Names[1], CategoryId))
        .WithColumn(new TextColumn(Names[2], CategoryName))
        .WithColumn(new IntegerColumn(Names[3], ClusterId))
        .WithColumn(new IntegerColumn(Names[4], ClassificationId))
        .WithColumn(new TextColumn(Names[5], ClassificationName));
}
