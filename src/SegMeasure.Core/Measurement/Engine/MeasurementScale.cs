using SegMeasure.Core.Images;

namespace SegMeasure.Core.Measurement.Engine;

/// <summary>Resolves the spec's scale argument against an image: an explicit scale wins, otherwise the file's voxel size.</summary>
internal static class MeasurementScale
{
    /// <summary>(sz, sy, sx); sz is 1 for 2D images.</summary>
    public static (double Z, double Y, double X) Resolve(double[]? scale, LabelImage labels)
    {
        var voxel = scale is null ? labels.VoxelSize : VoxelSize.FromScale(scale, labels.Shape.Is2D);
        if (labels.Shape.Is2D) return (1.0, voxel.Y, voxel.X);
        return (voxel.Z, voxel.Y, voxel.X);
    }
}
