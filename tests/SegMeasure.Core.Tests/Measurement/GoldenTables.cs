using System.Globalization;
using System.Text.Json;
using SegMeasure.Core.Images;
using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Tests.Measurement;

/// <summary>One golden table written by tests/reference/measurement/make_measurement_reference.py.</summary>
public sealed record GoldenCase(string Name, string Measurement, string Labels, string? Intensity, string? Nuclei,
    double[]? Scale, string Expected, uint[] FlatIds)
{
    public override string ToString() => Name;
}

/// <summary>Loads the reference generator's manifest, inputs and expected tables; compares tables column by column.</summary>
public static class GoldenTables
{
    public static string RepoRoot => TestData.RepositoryRoot;

    public static IReadOnlyList<GoldenCase> Cases { get; } = LoadManifest();

    private static IReadOnlyList<GoldenCase> LoadManifest()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoRoot, "tests/reference/measurement/manifest.json")));
        var list = new List<GoldenCase>();
        foreach (var t in doc.RootElement.GetProperty("tables").EnumerateArray())
        {
            string? Str(string n) => t.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            double[]? scale = t.TryGetProperty("scale", out var s) && s.ValueKind == JsonValueKind.Array ? s.EnumerateArray().Select(e => e.GetDouble()).ToArray() : null;
            uint[] flat = t.TryGetProperty("flat_ids", out var f) ? f.EnumerateArray().Select(e => e.GetUInt32()).ToArray() : [];
            list.Add(new GoldenCase(Str("name")!, Str("measurement")!, Str("labels")!, Str("intensity"), Str("nuclei"), scale, Str("expected")!, flat));
        }

        return list;
    }

    public static IEnumerable<object[]> Of(string measurement, bool files) =>
        Cases.Where(c => c.Measurement == measurement && c.Labels.EndsWith(".npy") != files).Select(c => new object[] { c });

    public static string Full(string relative) => Path.Combine(RepoRoot, relative);

    /// <summary>Reads an input image, .npy directly, TIFF through the product's reader.</summary>
    public static LabelImage Labels(string relative) =>
        relative.EndsWith(".npy") ? NpyFile.ReadLabels(Full(relative)) : ImageFile.ReadLabels(Full(relative));

    public static IntensityImage Intensity(string relative) =>
        relative.EndsWith(".npy") ? NpyFile.ReadIntensity(Full(relative)) : ImageFile.ReadIntensity(Full(relative));

    /// <summary>The expected table as name → values (NaN for empty cells, ±inf kept).</summary>
    public static (string[] Columns, Dictionary<string, double[]> Values) ReadExpected(string relative)
    {
        var lines = File.ReadAllLines(Full(relative));
        var columns = lines[0].Split(',');
        var rows = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();
        var values = new Dictionary<string, double[]>();
        for (int c = 0; c < columns.Length; c++)
            values[columns[c]] = rows.Select(r => Parse(r[c])).ToArray();
        return (columns, values);
    }

    private static double Parse(string text) => text switch
    {
        "" or "nan" or "NaN" => double.NaN,
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        "True" => 1,
        "False" => 0,
        _ => double.Parse(text, CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Asserts the table has the expected columns (in order when <paramref name="exactColumns"/>) and
    /// every value agrees within <paramref name="tolerance"/> relative (absolute near zero).
    /// </summary>
    public static void AssertMatches(GoldenCase golden, MeasurementTable actual, Func<string, double> tolerance, bool exactColumns = true,
        Func<string, uint, double, double>? expectedOverride = null)
    {
        var (columns, expected) = ReadExpected(golden.Expected);
        if (exactColumns) Assert.Equal(columns, actual.ColumnNames.ToArray());
        int rows = expected["index"].Length;
        Assert.Equal(rows, actual.RowCount);
        Assert.Equal(ColumnKind.Integer, actual["index"].Kind);
        foreach (var name in columns)
        {
            var column = actual[name];
            double tol = tolerance(name);
            for (int r = 0; r < rows; r++)
            {
                double want = expected[name][r];
                uint id = (uint)expected["index"][r];
                if (expectedOverride is not null) want = expectedOverride(name, id, want);
                double got = column.GetDouble(r);
                if (double.IsNaN(want) || double.IsInfinity(want))
                {
                    Assert.True(want.Equals(got), $"{golden.Name}: {name} of label {id}: expected {want}, got {got}");
                    continue;
                }

                double scale = Math.Max(1e-12, Math.Abs(want));
                Assert.True(Math.Abs(got - want) <= tol * scale || Math.Abs(got - want) <= 1e-12,
                    $"{golden.Name}: {name} of label {id}: expected {want:R}, got {got:R} (relative error {Math.Abs(got - want) / scale:E2})");
            }
        }
    }
}
