using SegMeasure.Core.Images;

namespace SegMeasure.Core.Measurement.Engine;

/// <summary>Resolves the spec's scale argument against an image: an explicit scale wins, otherwise the file's voxel size.</summary>
internal static class MeasurementScale
{
    /// <summary>(sz, sy, sx); sz is 1 for 2D images.</summary>
    public static (double Z, double Y, double X) Resolve(double[]? scale, LabelImage labels) => Resolve(scale, labels.Shape, labels.VoxelSize);

    public static (double Z, double Y, double X) Resolve(double[]? scale, ImageShape shape, VoxelSize fileVoxel)
    {
        var voxel = scale is null ? fileVoxel : VoxelSize.FromScale(scale, shape.Is2D);
        if (shape.Is2D) return (1.0, voxel.Y, voxel.X);
        return (voxel.Z, voxel.Y, voxel.X);
    }
}
