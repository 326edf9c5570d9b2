using System.Globalization;
using SegMeasure.Core.Images;
using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Colocalization;

/// <summary>
/// The object table's columns: the spec's <c>channel, object, n_pixels, centroid, coincident,
/// overlap, nn_distance_px</c>, then the centroid and nearest distance in physical units.
/// <c>coincident</c> and <c>overlap</c> are 1 (true) or 0 (false).
/// </summary>
internal static class ObjectTable
{
    public static MeasurementTable From(ImageShape shape, string nameA, IReadOnlyList<ObjectRow> rowsA, string nameB, IReadOnlyList<ObjectRow> rowsB)
    {
        var rows = rowsA.Select(r => (nameA, r)).Concat(rowsB.Select(r => (nameB, r))).ToArray();
        var columns = new List<TableColumn>
        {
            new TextColumn("channel", rows.Select(r => (string?)r.Item1).ToArray()),
            new IntegerColumn("object", rows.Select(r => (long)r.r.Object.Label)),
            new IntegerColumn("n_pixels", rows.Select(r => r.r.Object.PixelCount)),
            new TextColumn("centroid", rows.Select(r => (string?)Tuple(r.r.Object.Pixels)).ToArray()),
            new IntegerColumn("coincident", rows.Select(r => r.r.Coincident ? 1L : 0L)),
            new IntegerColumn("overlap", rows.Select(r => r.r.Overlapping ? 1L : 0L)),
            new DoubleColumn("nn_distance_px", rows.Select(r => r.r.NearestDistancePixels).ToArray()),
        };
        string[] axes = shape.Is2D ? ["y", "x"] : ["z", "y", "x"];
        for (int k = 0; k < axes.Length; k++)
        {
            int axis = k;
            columns.Add(new DoubleColumn($"centroid_{axes[k]}", rows.Select(r => r.r.CentroidPhysical[axis]).ToArray()));
        }

        columns.Add(new DoubleColumn("nn_distance", rows.Select(r => r.r.NearestDistancePhysical).ToArray()));
        return new MeasurementTable(columns);
    }

    /// <summary>The centroid rounded to 0.1 pixel, spelt as a Python tuple: (12.3, 4.0).</summary>
    private static string Tuple(double[] centroid) =>
        "(" + string.Join(", ", centroid.Select(c => Math.Round(c, 1, MidpointRounding.ToEven).ToString("0.0###", CultureInfo.InvariantCulture))) + ")";
}
