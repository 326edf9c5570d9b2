namespace SegMeasure.Core.Images;

/// <summary>
/// Physical size of one voxel along Z, Y and X, with its unit. Comes from the file (ImageJ
/// spacing/resolution, OME PhysicalSize) unless the caller overrides it; uncalibrated images
/// have 1.0 everywhere and <see cref="IsCalibrated"/> false.
/// </summary>
public sealed record VoxelSize(double Z, double Y, double X, string Unit = "pixel", bool IsCalibrated = true)
{
    public static VoxelSize Uncalibrated { get; } = new(1.0, 1.0, 1.0, "pixel", IsCalibrated: false);

    /// <summary>Builds a voxel size from the spec's <c>--scale</c> convention: one number for every axis,
    /// (Y, X) for 2D or (Z, Y, X) for 3D.</summary>
    public static VoxelSize FromScale(IReadOnlyList<double> scale, bool is2D, string unit = "micron")
    {
        foreach (var s in scale)
        {
            if (!double.IsFinite(s) || s <= 0)
                throw new SegMeasureException("SegMeasure.InvalidScale", ErrorKind.InvalidArgument, $"scale values must be positive finite numbers, got {string.Join(", ", scale)}");
        }

        return scale.Count switch
        {
            1 => new VoxelSize(is2D ? 1.0 : scale[0], scale[0], scale[0], unit),
            2 when is2D => new VoxelSize(1.0, scale[0], scale[1], unit),
            3 when !is2D => new VoxelSize(scale[0], scale[1], scale[2], unit),
            _ => throw new SegMeasureException("SegMeasure.InvalidScale", ErrorKind.InvalidArgument,
                $"scale has {scale.Count} values but the image is {(is2D ? "2D (give 1 or 2: Y X)" : "3D (give 1 or 3: Z Y X)")}"),
        };
    }

    /// <summary>Scale in numpy order: (Y, X) for 2D, (Z, Y, X) for 3D.</summary>
    public double[] ToScale(bool is2D) => is2D ? [Y, X] : [Z, Y, X];
}
