using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Analysis.Embeddings;

/// <summary>
/// A 2-D embedding of a measurement table for the scatter plot: the features (every numeric
/// column except the key and analysis results) are z-scored and reduced with UMAP, t-SNE or PCA;
/// the table gains <c>embedding_1</c> and <c>embedding_2</c>. Rows with a NaN or infinite
/// feature are not embedded (NaN coordinates) and are counted in the result.
/// </summary>
public static class Embedding
{
    public const string FirstColumn = "embedding_1";
    public const string SecondColumn = "embedding_2";

    public static EmbeddingResult Compute(MeasurementTable table, EmbeddingOptions? options = null, string? annotationColumn = "annotation",
        IProgress<WorkProgress>? progress = null, CancellationToken cancellation = default)
    {
        options ??= new EmbeddingOptions();
        var features = FeatureMatrix.FromTable(table, annotationColumn);
        var (rowNumbers, values) = features.ValidRows();
        var first = Enumerable.Repeat(double.NaN, table.RowCount).ToArray();
        var second = Enumerable.Repeat(double.NaN, table.RowCount).ToArray();
        if (values.Length > 0)
        {
            var standardized = Standardizer.Fit(values).Transform(values);
            var points = Reduce(standardized, options, progress, cancellation);
            for (int k = 0; k < rowNumbers.Length; k++)
            {
                first[rowNumbers[k]] = points[k][0];
                second[rowNumbers[k]] = points[k].Length > 1 ? points[k][1] : 0;
            }
        }

        var result = table.WithColumn(new DoubleColumn(FirstColumn, first)).WithColumn(new DoubleColumn(SecondColumn, second));
        return new EmbeddingResult(result, values.Length, features.SkippedCount);
    }

    /// <summary>Reduces (already standardised) rows to two coordinates each.</summary>
    public static double[][] Reduce(double[][] rows, EmbeddingOptions options, IProgress<WorkProgress>? progress = null, CancellationToken cancellation = default) =>
        options.Method switch
        {
            EmbeddingMethod.Pca => PcaScores(rows),
            EmbeddingMethod.TSne => TSne.Embed(rows, options, progress, cancellation),
            _ => Umap.Embed(rows, options, progress, cancellation),
        };

    private static double[][] PcaScores(double[][] rows)
    {
        if (rows.Length == 0) return [];
        return Pca.Fit(rows, 2).Transform(rows).Select(r => new[] { r.Length > 0 ? r[0] : 0, r.Length > 1 ? r[1] : 0 }).ToArray();
    }
}

/// <summary>The table with <c>embedding_1</c>/<c>embedding_2</c>, and how many rows were embedded or skipped.</summary>
public sealed record EmbeddingResult(MeasurementTable Table, int EmbeddedRows, int SkippedRows)
{
    public string? SkipMessage => SkippedRows == 0 ? null
        : $"{SkippedRows} row(s) have a NaN or infinite feature value and were not embedded (NaN coordinates)";
}
