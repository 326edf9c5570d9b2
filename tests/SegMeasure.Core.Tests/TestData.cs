using System.Text.Json;

namespace SegMeasure.Core.Tests;

/// <summary>Locates the repository's test data (walking up from the test assembly to the solution file).</summary>
public static class TestData
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SegMeasure.PowerShell.sln")))
                return dir.FullName;
        throw new InvalidOperationException("cannot find SegMeasure.PowerShell.sln above the test assembly");
    });

    public static string RepositoryRoot => Root.Value;

    public static string DataDirectory => Path.Combine(RepositoryRoot, "tests", "data");

    public static string Conformance(string file) => Path.Combine(DataDirectory, "tiff-conformance", file);

    public static string Real(string relative) => Path.Combine(DataDirectory, relative);

    /// <summary>The "files" array of a JSON expectation file under tests/data.</summary>
    public static IReadOnlyList<JsonElement> ExpectedFiles(string relativeJson)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(DataDirectory, relativeJson)));
        return doc.RootElement.GetProperty("files").EnumerateArray().Select(e => e.Clone()).ToList();
    }
}
