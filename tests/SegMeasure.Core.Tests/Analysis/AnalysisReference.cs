using System.Globalization;
using System.Text.Json;
using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Tests.Analysis;

/// <summary>
/// Reference outputs committed under tests/reference/analysis/ (made by
/// make_clustering_reference.py with numpy, scikit-image and scikit-learn), located from the
/// test assembly by walking up to the solution file.
/// </summary>
internal static class AnalysisReference
{
    public static string Directory { get; } = Path.Combine(RepoRoot(), "tests", "reference", "analysis");

    private static string RepoRoot() => TestData.RepositoryRoot;

    public static JsonElement Json(string name) => JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, name))).RootElement;

    /// <summary>A committed numeric CSV table: integer-looking columns become integer columns.</summary>
    public static MeasurementTable Table(string name)
    {
        var lines = File.ReadAllLines(Path.Combine(Directory, "tables", name + ".csv")).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split(',');
        var cells = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        var columns = new List<TableColumn>();
        for (int c = 0; c < header.Length; c++)
        {
            var texts = cells.Select(r => r[c]).ToArray();
            if (texts.All(t => long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)))
                columns.Add(new IntegerColumn(header[c], texts.Select(t => long.Parse(t, CultureInfo.InvariantCulture))));
            else
                columns.Add(new DoubleColumn(header[c], texts.Select(t => t.Length == 0 ? double.NaN : double.Parse(t, CultureInfo.InvariantCulture)).ToArray()));
        }

        return new MeasurementTable(columns);
    }

    public static int[] Ints(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt32()).ToArray();

    public static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();
}
