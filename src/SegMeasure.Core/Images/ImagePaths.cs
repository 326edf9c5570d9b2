using SegMeasure.Core.Zarr;

namespace SegMeasure.Core.Images;

/// <summary>What counts as an image path for the front ends and globs: a file, or an OME-Zarr folder.</summary>
public static class ImagePaths
{
    /// <summary>True when <paramref name="path"/> is a Zarr folder (image, level, label image or HCS field) rather than a plain folder.</summary>
    public static bool IsZarr(string path) => ZarrPaths.IsZarr(path);

    /// <summary>A file, or a Zarr folder.</summary>
    public static bool Exists(string path) => File.Exists(path) || ZarrPaths.IsZarr(path);
}
