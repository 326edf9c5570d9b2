using SegMeasure.Core.Images;
using SegMeasure.Core.Tables;
using SegMeasure.Core.Tiff;

namespace SegMeasure.Core.Analysis;

/// <summary>
/// Paints a per-segment result back into the segmentations the rows came from: rows are grouped
/// by their source column (the segmentation file, <c>Path</c> on cmdlet records), and each source
/// gets one label image of the result ids in its own label type.
/// </summary>
public static class ResultPainting
{
    public const string DefaultSourceColumn = "Path";

    /// <summary>
    /// Writes one painted image per distinct source. <paramref name="outputFor"/> maps a source
    /// file to its output file, or to null to skip it (declined by the user). Returns the
    /// (source, output) pairs written, in first-appearance order.
    /// </summary>
    public static IReadOnlyList<(string Source, string Output)> PaintPerSource(MeasurementTable table, string valueColumn, Func<string, string?> outputFor,
        bool overwrite = false, string sourceColumn = DefaultSourceColumn)
    {
        var sources = table.Find(sourceColumn) as TextColumn
            ?? throw new SegMeasureException("SegMeasure.MissingSource", ErrorKind.InvalidData,
                $"the rows carry no '{sourceColumn}' column naming their segmentation, so the result cannot be painted");
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var order = new List<string>();
        for (int r = 0; r < table.RowCount; r++)
        {
            var source = sources[r];
            if (string.IsNullOrEmpty(source)) continue;
            if (!groups.TryGetValue(source, out var rows))
            {
                groups[source] = rows = [];
                order.Add(source);
            }

            rows.Add(r);
        }

        var written = new List<(string, string)>();
        foreach (var source in order)
        {
            var output = outputFor(source);
            if (output is null) continue;
            if (File.Exists(output) && !overwrite) throw new OutputExistsException(output);
            var segmentation = ImageFile.ReadLabels(source);
            var painted = LabelPainter.Paint(segmentation, table.TakeRows(groups[source]), valueColumn);
            ImageFile.WriteLabels(output, painted, new TiffWriteOptions { Overwrite = overwrite, LabelType = segmentation.StoredType });
            written.Add((source, output));
        }

        return written;
    }
}
