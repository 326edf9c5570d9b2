using System.Text.Json;

namespace SegMeasure.Core.Tests.Zarr;

/// <summary>The Zarr reference stores (tests/reference/zarr) and what their writers read back.</summary>
public static class ZarrTestData
{
    public static string Folder => Path.Combine(TestData.RepositoryRoot, "tests", "reference", "zarr");

    public static string Store(string relative) => Path.Combine(Folder, relative.Replace('/', Path.DirectorySeparatorChar));

    public static Dictionary<string, JsonElement> Expected(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, file)));
        return doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
    }

    public static int[] Ints(JsonElement e, string name) => e.GetProperty(name).EnumerateArray().Select(v => v.GetInt32()).ToArray();
}
