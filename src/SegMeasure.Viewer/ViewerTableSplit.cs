using SegMeasure.Core;
using SegMeasure.Core.Tables;

namespace SegMeasure.Viewer;

/// <summary>
/// Hands the rows of one table file to the viewer's members: a sweep table names each row's
/// file in its <c>segmentation</c> column (matched by full path); a table without it belongs to
/// a single segmentation.
/// </summary>
public static class ViewerTableSplit
{
    public static IReadOnlyList<MeasurementTable> Split(MeasurementTable table, IReadOnlyList<string> segmentationPaths, string? baseDirectory = null)
    {
        if (table.Find(TableConcat.SourceColumn) is not TextColumn sources)
        {
            if (segmentationPaths.Count == 1) return [table];
            throw new SegMeasureException("SegMeasure.NoSourcePath", ErrorKind.InvalidArgument,
                $"a table for {segmentationPaths.Count} segmentations needs a '{TableConcat.SourceColumn}' column naming each row's file");
        }

        string Full(string path) => Path.GetFullPath(path, baseDirectory ?? Directory.GetCurrentDirectory());
        var position = segmentationPaths.Select((p, i) => (Full(p), i)).ToDictionary(p => p.Item1, p => p.i, StringComparer.Ordinal);
        var rows = segmentationPaths.Select(_ => new List<int>()).ToArray();
        for (int r = 0; r < table.RowCount; r++)
            if (sources[r] is { } source && position.TryGetValue(Full(source), out var m)) rows[m].Add(r);
        var withoutSource = table.WithoutColumns([TableConcat.SourceColumn]);
        return rows.Select(r => withoutSource.TakeRows(r)).ToList();
    }

    /// <summary>The members' result tables as one: a single member's as is, several stacked with a leading <c>segmentation</c> column.</summary>
    public static MeasurementTable Combine(IReadOnlyList<MeasurementTable> tables, IReadOnlyList<string> segmentationPaths) =>
        tables.Count == 1 ? tables[0] : TableConcat.Concatenate(segmentationPaths.Zip(tables).ToList());
}
