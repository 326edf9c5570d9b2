using SegMeasure.Core.Images;
using SegMeasure.Core.Measurement;
using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Measurement;

/// <summary>
/// The per-segment features the shape filter reads, measured the way its definition does
/// (scikit-image's regionprops without spacing): pixel/voxel counts, the morphology
/// measurement's solidity, eccentricity and extent, and in 2D the regionprops perimeter
/// (<see cref="RegionpropsPerimeter"/>) in place of the Crofton one; in 3D the surface area.
/// </summary>
internal static class ShapeFeatures
{
    public static MeasurementTable Measure(LabelImage labels, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var table = MorphologyMeasurement.Measure(labels, new MorphologyOptions { Scale = [1.0], IncludeShapeExtras = true }, null, cancellationToken);
        if (!labels.Shape.Is2D) return table;

        var perimeters = RegionpropsPerimeter.Measure(labels, cancellationToken);
        var index = table[MeasurementTable.IndexColumn];
        var values = new double[table.RowCount];
        for (int r = 0; r < values.Length; r++)
            values[r] = perimeters[(uint)index.GetDouble(r)];
        return table.WithColumn(new DoubleColumn("perimeter", values));
    }
}
