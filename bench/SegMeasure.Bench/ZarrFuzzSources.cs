namespace SegMeasure.Bench;

/// <summary>The Zarr stores the fuzz mode mutates: every store folder of the reference set.</summary>
internal static class ZarrFuzzSources
{
    public static List<string> Stores(string folder) =>
        Directory.Exists(folder) ? Directory.GetDirectories(folder, "*.zarr").Order(StringComparer.Ordinal).ToList() : [];
}
