using SegMeasure.Core.Images;

namespace SegMeasure.Core.Colocalization;

/// <summary>An object's label, pixel count and centroid (mean pixel coordinate, numpy order: (Y, X) or (Z, Y, X)).</summary>
internal sealed record ObjectCentroid(uint Label, long PixelCount, double[] Pixels)
{
    /// <summary>The centroid in physical units: each coordinate times the voxel size along its axis.</summary>
    public double[] Physical(VoxelSize scale) =>
        Pixels.Length == 2 ? [Pixels[0] * scale.Y, Pixels[1] * scale.X] : [Pixels[0] * scale.Z, Pixels[1] * scale.Y, Pixels[2] * scale.X];
}

/// <summary>The spec's <c>object_centroids</c>: one centroid per label, in label order, from one pass over the pixels.</summary>
internal static class ObjectCentroids
{
    public static IReadOnlyList<ObjectCentroid> Of(LabelImage labels)
    {
        var shape = labels.Shape;
        var sums = new Dictionary<uint, (long Count, double Z, double Y, double X)>();
        int i = 0;
        for (int z = 0; z < shape.Depth; z++)
            for (int y = 0; y < shape.Height; y++)
                for (int x = 0; x < shape.Width; x++, i++)
                {
                    uint label = labels.Data[i];
                    if (label == 0) continue;
                    sums.TryGetValue(label, out var s);
                    sums[label] = (s.Count + 1, s.Z + z, s.Y + y, s.X + x);
                }

        return sums.OrderBy(p => p.Key).Select(p =>
        {
            var (count, sz, sy, sx) = p.Value;
            double[] centroid = shape.Is2D ? [sy / count, sx / count] : [sz / count, sy / count, sx / count];
            return new ObjectCentroid(p.Key, count, centroid);
        }).ToArray();
    }
}
