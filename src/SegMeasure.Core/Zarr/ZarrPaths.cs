namespace SegMeasure.Core.Zarr;

/// <summary>Tells a Zarr store's folder (an image, a level's array, a label image, an HCS field) from a plain folder.</summary>
internal static class ZarrPaths
{
    /// <summary>True when <paramref name="path"/> is a folder holding Zarr metadata (v2 .zarray/.zgroup/.zattrs, or v3 zarr.json).</summary>
    public static bool IsZarr(string path)
    {
        if (string.IsNullOrEmpty(path) || !Directory.Exists(path)) return false;
        return File.Exists(Path.Combine(path, "zarr.json")) || File.Exists(Path.Combine(path, ".zarray"))
            || File.Exists(Path.Combine(path, ".zgroup")) || File.Exists(Path.Combine(path, ".zattrs"));
    }
}
