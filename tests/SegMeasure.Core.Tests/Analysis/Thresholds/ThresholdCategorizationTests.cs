using SegMeasure.Core.Analysis.Thresholds;
using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Tests.Analysis.Thresholds;

public class ThresholdCategorizationTests
{
    private static MeasurementTable Table(params double[] values) => new([
        new IntegerColumn("index", Enumerable.Range(1, values.Length).Select(i => (long)i)),
        new DoubleColumn("area", values),
    ]);

    [Fact]
    public void A_value_equal_to_a_threshold_goes_to_the_category_above()
    {
        var result = ThresholdCategorization.Categorize(Table(1, 10, 15, 20, 25), "area", [20, 10]);
        Assert.Equal([1L, 2L, 2L, 3L, 3L], ((IntegerColumn)result.Table["category_id"]).Values.Select(v => v!.Value));
        Assert.Equal(["category_1", "category_2", "category_2", "category_3", "category_3"], ((TextColumn)result.Table["category_name"]).Values);
        Assert.Equal([10.0, 20.0], result.Thresholds);
        Assert.Equal([1, 2, 2], result.CategoryCounts);
    }

    [Fact]
    public void Missing_values_get_category_zero_and_an_empty_name()
    {
        var result = ThresholdCategorization.Categorize(Table(1, double.NaN, 30), "area", [10], ["small", "large"]);
        Assert.Equal([1L, 0L, 2L], ((IntegerColumn)result.Table["category_id"]).Values.Select(v => v!.Value));
        Assert.Equal(["small", "", "large"], ((TextColumn)result.Table["category_name"]).Values);
        Assert.Equal(1, result.MissingCount);
    }

    [Fact]
    public void Wrong_number_of_names_is_an_error_naming_both_counts()
    {
        var e = Assert.Throws<SegMeasureException>(() => ThresholdCategorization.Categorize(Table(1, 2), "area", [1.5], ["only"]));
        Assert.Equal("SegMeasure.CategoryNameCount", e.ErrorId);
        Assert.Contains("expected 2", e.Message);
    }

    [Fact]
    public void Unknown_or_text_columns_are_errors()
    {
        Assert.Throws<SegMeasureException>(() => ThresholdCategorization.Categorize(Table(1, 2), "volume", [1.5]));
        var withText = Table(1, 2).WithColumn(new TextColumn("name", ["a", "b"]));
        Assert.Equal("SegMeasure.NotNumeric", Assert.Throws<SegMeasureException>(() => ThresholdCategorization.Categorize(withText, "name", [1.5])).ErrorId);
    }

    [Fact]
    public void Suggested_thresholds_split_into_quantile_categories()
    {
        var result = ThresholdCategorization.Categorize(Table(1, 2, 3, 4, 5, 6, 7, 8, 9), "area", 3);
        // numpy.percentile([1..9], [33.3, 66.7]) = 3.666…, 6.333…
        Assert.Equal(3.6666666666666665, result.Thresholds[0], 12);
        Assert.Equal([3, 3, 3], result.CategoryCounts);
    }
}
