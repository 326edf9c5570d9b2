using System.Text.Json;
using SegMeasure.Core.Analysis.Thresholds;

namespace SegMeasure.Core.Tests.Analysis.Thresholds;

/// <summary>Suggestions against numpy's percentile and scikit-image's Otsu / multi-Otsu on the real measurement tables.</summary>
public class ThresholdSuggestionTests
{
    public static IEnumerable<object[]> Cases() =>
        AnalysisReference.Json("thresholds.json").EnumerateArray()
            .Select(c => new object[] { c.GetProperty("table").GetString()!, c.GetProperty("column").GetString()! });

    private static (double[] Values, JsonElement Case) Load(string table, string column)
    {
        var c = AnalysisReference.Json("thresholds.json").EnumerateArray()
            .Single(e => e.GetProperty("table").GetString() == table && e.GetProperty("column").GetString() == column);
        var values = ThresholdCategorization.ColumnValues(AnalysisReference.Table(table), column).Where(v => !double.IsNaN(v)).ToArray();
        return (values, c);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Quantiles_equal_numpy_percentile(string table, string column)
    {
        var (values, c) = Load(table, column);
        foreach (var p in c.GetProperty("percentiles").EnumerateObject())
            Assert.Equal(AnalysisReference.Doubles(p.Value), ThresholdSuggestion.Quantiles(values, int.Parse(p.Name)));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Categories_equal_numpy_digitize_plus_one(string table, string column)
    {
        var (values, c) = Load(table, column);
        var sorted = values;
        foreach (var p in c.GetProperty("percentiles").EnumerateObject())
        {
            var thresholds = AnalysisReference.Doubles(p.Value).OrderBy(t => t).ToArray();
            var expected = AnalysisReference.Ints(c.GetProperty("digitize").GetProperty(p.Name));
            Assert.Equal(expected, sorted.Select(v => ThresholdCategorization.CategoryOf(v, thresholds)).ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Otsu_equals_scikit_image(string table, string column)
    {
        var (values, c) = Load(table, column);
        foreach (var b in c.GetProperty("otsu").EnumerateObject())
            Assert.Equal(b.Value.GetDouble(), ThresholdSuggestion.Otsu(values, int.Parse(b.Name)));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Multi_otsu_equals_scikit_image(string table, string column)
    {
        var (values, c) = Load(table, column);
        foreach (var m in c.GetProperty("multiotsu").EnumerateObject())
        {
            var parts = m.Name.Split('_');
            int classes = int.Parse(parts[0]), bins = int.Parse(parts[1]);
            if (m.Value.ValueKind == JsonValueKind.String)
                Assert.Throws<SegMeasureException>(() => ThresholdSuggestion.MultiOtsu(values, classes, bins));
            else
                Assert.Equal(AnalysisReference.Doubles(m.Value), ThresholdSuggestion.MultiOtsu(values, classes, bins));
        }
    }

    [Fact]
    public void Missing_and_infinite_values_are_ignored()
    {
        Assert.Equal([2.5], ThresholdSuggestion.Quantiles([1, double.NaN, 2, 3, double.PositiveInfinity, 4], 2));
    }

    [Fact]
    public void Fewer_than_two_categories_is_an_error()
    {
        var e = Assert.Throws<SegMeasureException>(() => ThresholdSuggestion.Quantiles([1, 2, 3], 1));
        Assert.Equal("SegMeasure.InvalidCategoryCount", e.ErrorId);
        Assert.Throws<SegMeasureException>(() => ThresholdSuggestion.Quantiles([double.NaN], 2));
    }

    [Fact]
    public void Otsu_of_a_constant_column_is_that_value()
    {
        Assert.Equal(7.0, ThresholdSuggestion.Otsu([7, 7, 7]));
    }
}
