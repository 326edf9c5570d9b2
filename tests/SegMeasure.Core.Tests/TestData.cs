using System.Text.Json;
using SegMeasure.Tests.Shared;

namespace SegMeasure.Core.Tests;

/// <summary>Locates the repository's test data.</summary>
public static class TestData
{
    public static string RepositoryRoot => TestRepository.Root;

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
