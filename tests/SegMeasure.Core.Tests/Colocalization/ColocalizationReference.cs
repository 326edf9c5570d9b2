using System.Globalization;
using System.Text.Json;

namespace SegMeasure.Core.Tests.Colocalization;

/// <summary>
/// The committed outputs of tests/reference/colocalization/make_colocalization_reference.py:
/// cases.json (what each case ran, with its warnings) and one CSV per case in the spec's COLUMNS.
/// </summary>
internal static class ColocalizationReference
{
    public static string Directory => Path.Combine(TestData.RepositoryRoot, "tests", "reference", "colocalization");

    public static string InRepository(string relative) => Path.Combine(TestData.RepositoryRoot, relative);

    public static IReadOnlyList<JsonElement> Cases()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "cases.json")));
        return doc.RootElement.GetProperty("cases").EnumerateArray().Select(e => e.Clone()).ToList();
    }

    public static JsonElement Case(string name) => Cases().Single(c => c.GetProperty("name").GetString() == name);

    /// <summary>The rows of a case's CSV as header → cell text.</summary>
    public static IReadOnlyList<Dictionary<string, string>> Rows(string name)
    {
        var lines = File.ReadAllLines(Path.Combine(Directory, name + ".csv")).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l =>
        {
            var cells = l.Split(',');
            return header.Select((h, i) => (h, cells[i])).ToDictionary(p => p.h, p => p.Item2);
        }).ToList();
    }

    public static double Number(string cell) => cell.Length == 0 ? double.NaN : double.Parse(cell, CultureInfo.InvariantCulture);
}
