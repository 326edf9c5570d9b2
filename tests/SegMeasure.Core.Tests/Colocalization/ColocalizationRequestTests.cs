using SegMeasure.Core.Colocalization;
using SegMeasure.Core.Images;

namespace SegMeasure.Core.Tests.Colocalization;

/// <summary>Whole-request errors name the problem; per-region degeneracies are NaN plus a warning, never an error.</summary>
public class ColocalizationRequestTests
{
    private static IntensityImage Image(params ushort[] values) => IntensityImage.Create(values, ImageShape.Of2D(1, values.Length));

    [Fact]
    public void Shape_mismatch_is_an_error()
    {
        var e = Assert.Throws<ShapeMismatchException>(() => ColocalizationAnalysis.Pairwise(Image(1, 2, 3), Image(1, 2)));
        Assert.Contains("shape", e.Message);
    }

    [Fact]
    public void Label_shape_mismatch_is_an_error()
    {
        var labels = new LabelImage([1, 1], ImageShape.Of2D(1, 2));
        Assert.Throws<ShapeMismatchException>(() => ColocalizationAnalysis.Pairwise(Image(1, 2, 3), Image(3, 2, 1), labels));
    }

    [Fact]
    public void Manual_thresholds_need_both_values()
    {
        var e = Assert.Throws<SegMeasureException>(() => ColocalizationAnalysis.Pairwise(Image(1, 2, 3), Image(3, 2, 1), null,
            new ColocalizationOptions { ThresholdMethod = ColocalizationThresholdMethod.Manual, ThresholdA = 1 }));
        Assert.Equal("SegMeasure.MissingThreshold", e.ErrorId);
    }

    [Theory]
    [InlineData("pcc,bogus")]
    [InlineData("")]
    public void Unknown_metrics_are_errors_listing_the_known_ones(string list)
    {
        var e = Assert.Throws<SegMeasureException>(() => ColocalizationMetrics.Parse(list));
        Assert.Contains("pcc, srcc, icq, overlap, mcc", e.Message);
    }

    [Fact]
    public void Unknown_threshold_method_is_an_error()
    {
        var e = Assert.Throws<SegMeasureException>(() => ColocalizationThresholdMethods.Parse("magic"));
        Assert.Contains("costes", e.Message);
    }

    [Fact]
    public void Channel_names_must_match_the_channels()
    {
        var image = new IntensityImage([new ushort[] { 1, 2, 3 }, new ushort[] { 3, 1, 2 }], ImageShape.Of2D(1, 3), PixelType.UInt16);
        var e = Assert.Throws<SegMeasureException>(() => ColocalizationAnalysis.AllToAll(image, null, null, new ColocalizationOptions { ChannelNames = ["x"] }));
        Assert.Equal("SegMeasure.ChannelNameCount", e.ErrorId);
    }

    [Fact]
    public void Slice_axis_out_of_range_is_an_error()
    {
        var e = Assert.Throws<SegMeasureException>(() => ColocalizationAnalysis.Pairwise(Image(1, 2, 3), Image(3, 2, 1), null, new ColocalizationOptions { SliceAxis = 2 }));
        Assert.Equal("SegMeasure.InvalidAxis", e.ErrorId);
    }

    [Fact]
    public void A_constant_region_is_NaN_with_a_warning()
    {
        var labels = new LabelImage([1, 1, 1, 2, 2, 2], ImageShape.Of2D(1, 6));
        var result = ColocalizationAnalysis.Pairwise(Image(5, 5, 5, 1, 2, 3), Image(1, 2, 3, 1, 2, 4), labels);
        Assert.Equal(2, result.Table.RowCount);
        Assert.True(double.IsNaN(result.Table["pcc"].GetDouble(0)));
        Assert.False(double.IsNaN(result.Table["pcc"].GetDouble(1)));
        Assert.Equal("region 1 (A vs B): channel 'A' is constant", result.Warnings[0]);
    }

    [Fact]
    public void Unselected_metrics_stay_NaN_and_the_columns_stay()
    {
        var result = ColocalizationAnalysis.Pairwise(Image(1, 2, 3, 4), Image(2, 1, 4, 3), null,
            new ColocalizationOptions { Metrics = [ColocalizationMetric.Overlap] });
        Assert.Equal(ColocalizationColumns.Names, result.Table.ColumnNames);
        Assert.True(double.IsNaN(result.Table["pcc"].GetDouble(0)));
        Assert.False(double.IsNaN(result.Table["overlap"].GetDouble(0)));
        Assert.Empty(result.Warnings);
    }
}
