using SegMeasure.Core.Batch;
using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Analysis;

/// <summary>What painting one source segmentation gave: the file written, or why not.</summary>
/// <param name="Source">The segmentation the rows came from.</param>
/// <param name="Output">The painted image's path (also when it was skipped).</param>
/// <param name="Written">False when the caller declined or an error occurred.</param>
/// <param name="Error">The problem with this source, if any; other sources are still painted.</param>
public sealed record PaintOutcome(string Source, string Output, bool Written, SegMeasureException? Error);

/// <summary>
/// Paints a per-segment result back into the segmentations a combined table came from: rows
/// are grouped by their source column (<c>Path</c>, as the measure cmdlets record it), and each
/// source image is painted with its own rows' values (<see cref="LabelPainter"/>) and written
/// beside it with a suffix, in the source's label type. One bad source does not stop the others.
/// </summary>
public static class SourcePainting
{
    public const string SourceColumn = "Path";

    public static IReadOnlyList<PaintOutcome> PaintBySource(MeasurementTable table, string valueColumn, string suffix, bool overwrite,
        Func<string, bool>? confirm = null, string sourceColumn = SourceColumn)
    {
        if (table.Find(sourceColumn) is not TextColumn sources)
            throw new SegMeasureException("SegMeasure.NoSourcePath", ErrorKind.InvalidArgument,
                $"painting needs the segmentation each row came from, but the rows carry no '{sourceColumn}' property");
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int row = 0; row < table.RowCount; row++)
        {
            var source = sources[row];
            if (string.IsNullOrEmpty(source))
                throw new SegMeasureException("SegMeasure.NoSourcePath", ErrorKind.InvalidArgument, $"row {row + 1} has no '{sourceColumn}'");
            if (!groups.TryGetValue(source, out var rows)) groups[source] = rows = [];
            rows.Add(row);
        }

        var outcomes = new List<PaintOutcome>();
        foreach (var (source, rows) in groups)
        {
            var output = OutputNaming.WithSuffix(source, suffix);
            try
            {
                OutputFile.RefuseExisting(overwrite, output);
                if (confirm is not null && !confirm(output))
                {
                    outcomes.Add(new PaintOutcome(source, output, false, null));
                    continue;
                }

                LabelPainter.Write(output, LabelPainter.PaintFile(source, table.TakeRows(rows), valueColumn), overwrite);
                outcomes.Add(new PaintOutcome(source, output, true, null));
            }
            catch (SegMeasureException e)
            {
                outcomes.Add(new PaintOutcome(source, output, false, e));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                outcomes.Add(new PaintOutcome(source, output, false,
                    new SegMeasureException("SegMeasure.WriteFailed", ErrorKind.WriteError, $"{output}: {e.Message}", output, e)));
            }
        }

        return outcomes;
    }
}
