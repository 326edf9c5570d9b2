using SegMeasure.Core.Tiff;

namespace SegMeasure.Core.Images;

/// <summary>
/// Reads and writes the images SegMeasure works on. TIFF is the format; this facade is what
/// measurement, post-processing and the front ends call, so none of them touch the codec.
/// </summary>
public static class ImageFile
{
    /// <summary>Reads a label image (any integer or integral float type); voxel size from the file's metadata.</summary>
    public static LabelImage ReadLabels(string path) => throw new NotImplementedException("TIFF reader pending");

    /// <summary>Reads an intensity image, keeping its sample type; a channel axis becomes channels.</summary>
    public static IntensityImage ReadIntensity(string path) => throw new NotImplementedException("TIFF reader pending");

    /// <summary>Writes a label image: to a temporary file renamed into place, refusing to overwrite unless asked.</summary>
    public static void WriteLabels(string path, LabelImage image, TiffWriteOptions? options = null) => throw new NotImplementedException("TIFF writer pending");

    /// <summary>Writes an intensity image in its own sample type, with the same safety as <see cref="WriteLabels"/>.</summary>
    public static void WriteIntensity(string path, IntensityImage image, TiffWriteOptions? options = null) => throw new NotImplementedException("TIFF writer pending");
}
