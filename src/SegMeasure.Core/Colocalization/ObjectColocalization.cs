using SegMeasure.Core.Images;
using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Colocalization;

/// <summary>Counts of the object table per channel (the spec's <c>summary</c>).</summary>
public sealed record ObjectChannelSummary(string Channel, int Objects, int Coincident, int Overlapping, double MedianNearestDistance)
{
    public double CoincidentFraction => Objects == 0 ? double.NaN : (double)Coincident / Objects;
    public double OverlapFraction => Objects == 0 ? double.NaN : (double)Overlapping / Objects;
}

/// <summary>The object table and its per-channel summary.</summary>
public sealed record ObjectColocalizationResult(MeasurementTable Table, ObjectChannelSummary SummaryA, ObjectChannelSummary SummaryB);

/// <summary>
/// Object-based colocalization (the spec's <c>object_table</c>): for every object of each
/// channel, whether its centroid lies in an object of the other channel (centre-particle
/// coincidence) and whether any of its pixels do (overlap), with the distance to the nearest
/// object of the other channel. Centroids are reported in pixels (rounded to 0.1, as the spec)
/// and, with nearest distances, in physical units from the voxel size.
/// </summary>
public static class ObjectColocalization
{
    public static ObjectColocalizationResult Table(LabelImage labelsA, LabelImage labelsB, string nameA = ColocalizationOptions.DefaultChannelA, string nameB = ColocalizationOptions.DefaultChannelB)
    {
        if (labelsA.Shape != labelsB.Shape)
            throw new ShapeMismatchException($"the label images have shapes {labelsA.Shape} and {labelsB.Shape}; they must match");
        var objectsA = ObjectCentroids.Of(labelsA);
        var objectsB = ObjectCentroids.Of(labelsB);
        var scale = labelsA.VoxelSize;
        var rowsA = Rows(objectsA, objectsB, labelsA, labelsB, scale);
        var rowsB = Rows(objectsB, objectsA, labelsB, labelsA, scale);
        var table = ObjectTable.From(labelsA.Shape, nameA, rowsA, nameB, rowsB);
        return new ObjectColocalizationResult(table, Summary(nameA, rowsA), Summary(nameB, rowsB));
    }

    private static ObjectChannelSummary Summary(string name, IReadOnlyList<ObjectRow> rows)
    {
        var distances = rows.Select(r => r.NearestDistancePixels).Where(double.IsFinite).Order().ToArray();
        double median = distances.Length == 0 ? double.NaN
            : distances.Length % 2 == 1 ? distances[distances.Length / 2]
            : (distances[distances.Length / 2 - 1] + distances[distances.Length / 2]) / 2;
        return new ObjectChannelSummary(name, rows.Count, rows.Count(r => r.Coincident), rows.Count(r => r.Overlapping), median);
    }

    private static List<ObjectRow> Rows(IReadOnlyList<ObjectCentroid> objects, IReadOnlyList<ObjectCentroid> others, LabelImage own, LabelImage other,
        VoxelSize scale)
    {
        var shape = own.Shape;
        var overlapping = new HashSet<uint>();
        for (int i = 0; i < own.Data.Length; i++)
            if (own.Data[i] != 0 && other.Data[i] != 0) overlapping.Add(own.Data[i]);
        var nearestPixels = NearestNeighbours.Distances(objects.Select(o => o.Pixels).ToArray(), others.Select(o => o.Pixels).ToArray());
        var nearestPhysical = NearestNeighbours.Distances(objects.Select(o => o.Physical(scale)).ToArray(), others.Select(o => o.Physical(scale)).ToArray());
        var rows = new List<ObjectRow>();
        for (int k = 0; k < objects.Count; k++)
        {
            var o = objects[k];
            // The centroid's nearest pixel (round half to even, as Python's round), clamped into the image.
            int Clamp(double c, int size) => Math.Clamp((int)Math.Round(c, MidpointRounding.ToEven), 0, size - 1);
            int z = shape.Is2D ? 0 : Clamp(o.Pixels[0], shape.Depth);
            int y = Clamp(o.Pixels[^2], shape.Height), x = Clamp(o.Pixels[^1], shape.Width);
            bool coincident = other.Data[shape.IndexOf(z, y, x)] != 0;
            rows.Add(new ObjectRow(o, coincident, overlapping.Contains(o.Label), nearestPixels[k], nearestPhysical[k], o.Physical(scale)));
        }

        return rows;
    }
}

/// <summary>One object of one channel in the object table.</summary>
internal sealed record ObjectRow(ObjectCentroid Object, bool Coincident, bool Overlapping, double NearestDistancePixels, double NearestDistancePhysical,
    double[] CentroidPhysical);
