using SegMeasure.Core.Tiff;

namespace SegMeasure.Core.Images;

/// <summary>
/// What <c>segmeasure info</c> and <c>Get-SegImageInfo</c> report about an image file: its
/// shape and axes as tifffile gives them for series 0, sample type, voxel size and unit, the
/// number of distinct non-zero labels (integer images) and the SHA-256 of the pixel data in
/// the test-data manifest's convention (see <see cref="PixelChecksum"/>).
/// </summary>
public sealed record ImageInfo
{
    public required string Path { get; init; }

    /// <summary>Extents in C order, matching <see cref="Axes"/>.</summary>
    public required int[] Shape { get; init; }

    /// <summary>Axis letters: T time, Z depth, C channel, Q pages, S samples, Y, X.</summary>
    public required string Axes { get; init; }

    /// <summary>numpy's name for the sample type, e.g. <c>uint16</c>.</summary>
    public required string DType { get; init; }

    /// <summary>Voxel size in numpy order: (Y, X) for a 2D image, (Z, Y, X) for a volume.</summary>
    public required double[] VoxelSize { get; init; }

    public required string Unit { get; init; }

    public required bool IsCalibrated { get; init; }

    /// <summary>Distinct non-zero values, for integer images; null for floating-point ones.</summary>
    public long? Labels { get; init; }

    public required string Sha256 { get; init; }

    /// <summary>Reads <paramref name="path"/> completely and describes it.</summary>
    public static ImageInfo Read(string path, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var pixels = ImagePixels.Read(path, progress, cancellationToken);
        var voxel = pixels.VoxelSize;
        bool is2D = pixels.Axes.IndexOfAny(['Z', 'T', 'Q']) < 0;
        return new ImageInfo
        {
            Path = path,
            Shape = pixels.Shape,
            Axes = pixels.Axes,
            DType = pixels.PixelType.ToDTypeName(),
            VoxelSize = voxel.ToScale(is2D),
            Unit = voxel.Unit,
            IsCalibrated = voxel.IsCalibrated,
            Labels = DistinctValues.CountNonZero(pixels.Data),
            Sha256 = PixelChecksum.Sha256(pixels.Data),
        };
    }
}
