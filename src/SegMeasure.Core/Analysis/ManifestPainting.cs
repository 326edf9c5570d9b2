using SegMeasure.Core.Batch;
using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Analysis;

/// <summary>
/// Analysis over a manifest, as the spec's group mode does it: the features of every item are
/// analysed together (one combined table, as a sweep over the manifest writes it, with the
/// <c>segmentation</c> column naming each row's item), then the result is painted back per item —
/// one label image per manifest row, named <c>{output}_{item}</c> (just <c>{output}</c> for one item).
/// </summary>
public static class ManifestPainting
{
    /// <summary>The column of a combined table that names each row's item.</summary>
    public const string ItemColumn = TableConcat.SourceColumn;

    /// <summary>
    /// The table without the manifest's own columns (plate, well, a numeric timepoint …): they
    /// describe items, not segments, and must not become features.
    /// </summary>
    public static MeasurementTable FeaturesOnly(MeasurementTable table, Manifest manifest) =>
        table.WithoutColumns(manifest.ExtraColumns.Select(c => c.Name).Where(table.HasColumn));

    /// <summary><paramref name="result"/> (rows in the same order) with the columns <see cref="FeaturesOnly"/> set aside put back in their places.</summary>
    public static MeasurementTable Restore(MeasurementTable result, MeasurementTable original)
    {
        var columns = original.Columns.Select(c => result.Find(c.Name) ?? c).ToList();
        columns.AddRange(result.Columns.Where(c => !original.HasColumn(c.Name)));
        return new MeasurementTable(columns);
    }

    /// <summary>The painted image of each manifest item: <c>out.tif</c> → <c>out_plate1_A01-seg.tif</c>.</summary>
    public static IReadOnlyList<string> OutputsFor(Manifest manifest, string outputSegmentation)
    {
        if (manifest.Count == 1) return [outputSegmentation];
        var directory = Path.GetDirectoryName(outputSegmentation) ?? "";
        var stem = Path.GetFileNameWithoutExtension(outputSegmentation);
        var extension = Path.GetExtension(outputSegmentation);
        return Enumerable.Range(0, manifest.Count).Select(i =>
        {
            var item = Path.ChangeExtension(manifest.Spelled(Manifest.Segmentation, i)!, null).Replace('\\', '/').TrimStart('.', '/').Replace('/', '_');
            return Path.Combine(directory, $"{stem}_{item}{extension}");
        }).ToList();
    }

    /// <summary>
    /// Writes the result table and, with <paramref name="outputSegmentation"/>, one painted label
    /// image per item. Every output is refused before any work, and every item is painted before
    /// anything is written, so a bad item leaves nothing behind.
    /// </summary>
    public static void WriteWithTable(MeasurementTable table, string tableOutput, Manifest manifest, string? outputSegmentation, string valueColumn, bool overwrite)
    {
        var outputs = outputSegmentation is null ? [] : OutputsFor(manifest, outputSegmentation);
        OutputFile.RefuseExisting(overwrite, [tableOutput, .. outputs]);
        var painted = new List<Images.LabelImage>();
        if (outputSegmentation is not null)
        {
            if (table.Find(ItemColumn) is not TextColumn items)
                throw new SegMeasureException("SegMeasure.NoSourcePath", ErrorKind.InvalidArgument,
                    $"painting per manifest item needs the '{ItemColumn}' column a sweep over the manifest writes");
            for (int i = 0; i < manifest.Count; i++)
            {
                var spelled = manifest.Spelled(Manifest.Segmentation, i);
                var rows = Enumerable.Range(0, table.RowCount).Where(r => items[r] == spelled).ToList();
                painted.Add(LabelPainter.PaintFile(manifest.Resolved(Manifest.Segmentation, i)!, table.TakeRows(rows), valueColumn));
            }
        }

        TableFile.Write(tableOutput, table, overwrite);
        for (int i = 0; i < painted.Count; i++) LabelPainter.Write(outputs[i], painted[i], overwrite);
    }
}
