using SegMeasure.Core.Images;
using SegMeasure.Core.Tiff;

namespace SegMeasure.Bench;

/// <summary>
/// The TIFF files a Python baseline reads: each generated image is written once, uncompressed
/// (so the baseline's timing is not a decompression benchmark), into one folder.
/// </summary>
public sealed class BaselineImages(string directory)
{
    private readonly Dictionary<object, string> _written = new(ReferenceEqualityComparer.Instance);

    /// <summary>The file holding <paramref name="image"/> (a LabelImage or IntensityImage), written on first use; null for null.</summary>
    public string? PathOf(object? image, string stem)
    {
        if (image is null) return null;
        if (_written.TryGetValue(image, out var existing)) return existing;
        var path = Path.Combine(directory, $"{stem}{_written.Count}.tif");
        var options = new TiffWriteOptions { Compression = TiffCompression.None };
        if (image is LabelImage labels) ImageFile.WriteLabels(path, labels, options);
        else ImageFile.WriteIntensity(path, (IntensityImage)image, options);
        _written[image] = path;
        return path;
    }
}
