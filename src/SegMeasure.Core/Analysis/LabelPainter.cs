using SegMeasure.Core.Images;
using SegMeasure.Core.Tables;
using SegMeasure.Core.Tiff;

namespace SegMeasure.Core.Analysis;

/// <summary>
/// Paints a per-segment result (category, cluster or class id) back into the segmentation:
/// every voxel of segment <c>index</c> takes that row's value; background, segments missing
/// from the table and rows with a missing, zero or negative value (NaN, noise, unclassified)
/// become 0. The output keeps the seed image's label type.
/// </summary>
public static class LabelPainter
{
    /// <summary>Reads the segmentation at <paramref name="segmentationPath"/> and paints it; the result keeps the file's label type.</summary>
    public static LabelImage PaintFile(string segmentationPath, MeasurementTable table, string valueColumn) =>
        Paint(ImageFile.ReadLabels(segmentationPath), table, valueColumn);

    /// <summary>
    /// Writes <paramref name="table"/> and, when <paramref name="paintedOutput"/> is given, <paramref name="segmentation"/>
    /// painted with <paramref name="valueColumn"/>. Both outputs are refused before any work and the painting comes
    /// before the table, so a refused run or a bad segmentation leaves nothing written.
    /// </summary>
    public static void WriteWithTable(MeasurementTable table, string tableOutput, string? segmentation, string? paintedOutput, string valueColumn, bool overwrite)
    {
        OutputFile.RefuseExisting(overwrite, tableOutput, paintedOutput);
        var image = paintedOutput is null ? null : PaintFile(segmentation!, table, valueColumn);
        TableFile.Write(tableOutput, table, overwrite);
        if (image is not null) Write(paintedOutput!, image, overwrite);
    }

    /// <summary>Writes a painted image in the label type of the segmentation it was painted from.</summary>
    public static void Write(string path, LabelImage painted, bool overwrite) =>
        ImageFile.WriteLabels(path, painted, new TiffWriteOptions { Overwrite = overwrite, LabelType = painted.StoredType });

    public static LabelImage Paint(LabelImage segmentation, MeasurementTable table, string valueColumn, string indexColumn = MeasurementTable.IndexColumn)
    {
        var index = table[indexColumn];
        var values = table[valueColumn];
        var lookup = new Dictionary<uint, uint>(table.RowCount);
        for (int row = 0; row < table.RowCount; row++)
        {
            var id = index.GetDouble(row);
            var value = values.GetDouble(row);
            if (!double.IsFinite(id) || id <= 0 || id > uint.MaxValue || id != Math.Floor(id)) continue;
            if (!double.IsFinite(value) || value <= 0 || value > uint.MaxValue) continue;
            lookup[(uint)id] = (uint)value;
        }

        var source = segmentation.Data;
        var painted = new uint[source.Length];
        Parallel.For(0, segmentation.Shape.Depth, z =>
        {
            long start = (long)z * segmentation.Shape.Height * segmentation.Shape.Width;
            long end = start + (long)segmentation.Shape.Height * segmentation.Shape.Width;
            uint lastId = 0, lastValue = 0;
            for (long i = start; i < end; i++)
            {
                var id = source[i];
                if (id == 0) continue;
                // Neighbouring voxels mostly share a segment: remember the last lookup.
                if (id != lastId)
                {
                    lastId = id;
                    lastValue = lookup.TryGetValue(id, out var v) ? v : 0;
                }

                painted[i] = lastValue;
            }
        });
        return segmentation.WithData(painted);
    }
}
