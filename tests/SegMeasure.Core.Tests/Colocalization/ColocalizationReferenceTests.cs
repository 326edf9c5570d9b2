using System.Text.Json;
using SegMeasure.Core.Colocalization;
using SegMeasure.Core.Images;
using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Tests.Colocalization;

/// <summary>
/// Every case of the reference generator, run through the core and compared column by column:
/// values within 1e-9 relative, p-values within 1e-7 relative (NaN must match NaN), the same
/// rows in the same order, and the same per-region warnings.
/// </summary>
public class ColocalizationReferenceTests
{
    private const double ValueTolerance = 1e-9;
    private const double PValueTolerance = 1e-7;

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in ColocalizationReference.Cases()) data.Add(c.GetProperty("name").GetString()!);
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Matches_the_reference_table(string name)
    {
        var spec = ColocalizationReference.Case(name);
        var result = Run(spec);
        var expected = ColocalizationReference.Rows(name);
        var table = result.Table;

        Assert.Equal(ColocalizationColumns.Names, table.ColumnNames);
        Assert.Equal(expected.Count, table.RowCount);
        for (int row = 0; row < expected.Count; row++)
        {
            foreach (var column in ColocalizationColumns.Names)
            {
                string want = expected[row][column];
                var cell = table[column];
                if (cell.Kind == ColumnKind.Text)
                {
                    Assert.Equal(want, (string?)cell.GetValue(row));
                    continue;
                }

                double expectedValue = ColocalizationReference.Number(want), actual = cell.GetDouble(row);
                double tolerance = column.EndsWith("pvalue", StringComparison.Ordinal) ? PValueTolerance : ValueTolerance;
                Assert.True(Close(expectedValue, actual, tolerance),
                    $"{name}: row {row} (region {expected[row]["region"]}, slice '{expected[row]["slice"]}', {expected[row]["channel_a"]}/{expected[row]["channel_b"]}) {column}: expected {want}, got {actual:R}");
            }
        }

        var warnings = spec.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToArray();
        Assert.Equal(warnings, result.Warnings);
    }

    internal static bool Close(double expected, double actual, double relative)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual)) return double.IsNaN(expected) && double.IsNaN(actual);
        double scale = Math.Max(Math.Abs(expected), Math.Abs(actual));
        // Values near zero in exact arithmetic (an ICQ of 0) compare absolutely; p-values stay relative down to 1e-300.
        double floor = relative == PValueTolerance ? 1e-300 : 1e-15;
        return Math.Abs(expected - actual) <= relative * scale || Math.Abs(expected - actual) <= floor;
    }

    private static ColocalizationResult Run(JsonElement spec)
    {
        string? Text(string key) => spec.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        double? Number(string key) => spec.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
        var options = new ColocalizationOptions
        {
            ThresholdMethod = ColocalizationThresholdMethods.Parse(Text("method")!),
            ThresholdA = Number("threshold_a"),
            ThresholdB = Number("threshold_b"),
            ChannelA = Text("channel_a") ?? "A",
            ChannelB = Text("channel_b") ?? "B",
            SliceAxis = Number("slice_axis") is { } axis ? (int)axis : null,
        };
        if (spec.TryGetProperty("metrics", out var metrics))
            options = options with { Metrics = ColocalizationMetrics.Parse(metrics.EnumerateArray().Select(m => m.GetString()!)) };
        if (spec.TryGetProperty("channel_names", out var names))
            options = options with { ChannelNames = names.EnumerateArray().Select(m => m.GetString()!).ToArray() };
        var labels = Text("labels") is { } labelPath ? ImageFile.ReadLabels(ColocalizationReference.InRepository(labelPath)) : null;
        if (Text("image") is { } image)
            return ColocalizationAnalysis.AllToAll(ImageFile.ReadIntensity(ColocalizationReference.InRepository(image)), (int)Number("channel_axis")!.Value, labels, options);
        return ColocalizationAnalysis.Pairwise(ImageFile.ReadIntensity(ColocalizationReference.InRepository(Text("a")!)),
            ImageFile.ReadIntensity(ColocalizationReference.InRepository(Text("b")!)), labels, options);
    }
}
