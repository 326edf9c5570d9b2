using System.Globalization;
using System.Text.Json;
using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Tests.Analysis;

/// <summary>
/// Reads the committed scikit-learn reference outputs under tests/reference/analysis/classifier
/// (written by make_classifier_reference.py). The CSV files are plain numeric tables.
/// </summary>
internal static class ClassifierReferenceData
{
    public static string Directory { get; } = Path.Combine(RepoRoot(), "tests", "reference", "analysis", "classifier");

    public static string RepoRoot() => TestData.RepositoryRoot;

    public static JsonElement Expected(string section)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "expected.json")));
        return doc.RootElement.GetProperty(section).Clone();
    }

    /// <summary>A numeric CSV as a table; columns whose values are all integers become integer columns.</summary>
    public static MeasurementTable Table(string fileName)
    {
        var lines = File.ReadAllLines(Path.Combine(Directory, fileName)).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split(',');
        var cells = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        var columns = new List<TableColumn>();
        for (int c = 0; c < header.Length; c++)
        {
            var text = cells.Select(r => r[c]).ToArray();
            if (text.All(t => long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)))
                columns.Add(new IntegerColumn(header[c], text.Select(t => long.Parse(t, CultureInfo.InvariantCulture))));
            else
                columns.Add(new DoubleColumn(header[c], text.Select(t => double.Parse(t, CultureInfo.InvariantCulture)).ToArray()));
        }

        return new MeasurementTable(columns);
    }

    public static MeasurementTable Rows(MeasurementTable table, Func<int, bool> keep) =>
        table.TakeRows(Enumerable.Range(0, table.RowCount).Where(keep).ToArray());
}
