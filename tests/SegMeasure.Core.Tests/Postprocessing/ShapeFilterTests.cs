using SegMeasure.Core.Images;
using SegMeasure.Core.Postprocessing;
using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Tests.Postprocessing;

/// <summary>Hand-built feature tables: the expected decisions follow from the definitions alone.</summary>
public class ShapeFilterTests
{
    // Segments 3, 7, 9, 12, 20, one voxel each at x = 0..4 (the filter reads sizes from the table).
    private static LabelImage Labels(params uint[] ids) => new(ids, ImageShape.Of2D(1, ids.Length), storedType: PixelType.UInt16);

    private static MeasurementTable Features(long[] ids, double[] area, double[] perimeter, double[] eccentricity, double[] solidity, double[] extent) => new([
        new IntegerColumn("index", ids),
        new DoubleColumn("area", area),
        new DoubleColumn("perimeter", perimeter),
        new DoubleColumn("eccentricity", eccentricity),
        new DoubleColumn("solidity", solidity),
        new DoubleColumn("extent", extent),
    ]);

    private static readonly long[] Ids = [3, 7, 9, 12, 20];

    [Fact]
    public void Defaults_are_half_the_median_an_absolute_minimum_of_50_and_a_convexity_deficit_of_020()
    {
        // Areas 100, 200, 300, 40, 1000: median 200, limit 100 (100 itself stays).
        // Segment 12 (40) is below both area limits; segment 9 has solidity 0.75 (deficit 0.25).
        var table = Features(Ids, [100, 200, 300, 40, 1000], [40, 60, 70, 25, 120], [0.5, 0.5, 0.5, 0.5, 0.5],
            [0.9, 0.95, 0.75, 0.9, 0.8], [0.7, 0.7, 0.7, 0.7, 0.7]);
        var result = ShapeFilter.Apply(Labels(3, 7, 9, 12, 20), table);
        Assert.Equal(100, result.MinAreaUsed);
        Assert.Equal(new uint[] { 1, 2, 0, 0, 3 }, result.Image.Data);
        Assert.Equal((5, 3), (result.SegmentsBefore, result.SegmentsAfter));
        Assert.Equal(PixelType.UInt16, result.Image.StoredType);
        var report = result.Report;
        Assert.Equal(new long?[] { 9, 12 }, ((IntegerColumn)report.Rejections["index"]).Values);
        Assert.Equal("convexity_deficit_above_max", report.Rejections["reasons"].GetValue(0));
        Assert.Equal("area_below_min;area_below_absolute_min", report.Rejections["reasons"].GetValue(1));
        Assert.Equal(1, report.CountFor(ShapeFilter.AreaBelowMin));
        Assert.Equal(1, report.CountFor(ShapeFilter.AreaBelowAbsoluteMin));
        Assert.Equal(1, report.CountFor(ShapeFilter.HighConvexityDeficit));
        Assert.Equal(0.25, ((DoubleColumn)report.Rejections["convexity_deficit"])[0], 12);
    }

    [Fact]
    public void Percentiles_interpolate_linearly_and_numbers_above_100_are_areas()
    {
        double[] area = [100, 200, 300, 40, 1000];
        var table = Features(Ids, area, [1, 1, 1, 1, 1], [0, 0, 0, 0, 0], [1, 1, 1, 1, 1], [1, 1, 1, 1, 1]);
        // Sorted 40, 100, 200, 300, 1000; the 30th percentile sits at rank 1.2: 100 + 0.2 * 100 = 120.
        var p30 = ShapeFilter.Apply(Labels(3, 7, 9, 12, 20), table, new ShapeFilterOptions { MinArea = AreaThreshold.Parse("30"), MinAbsoluteArea = null, MaxConvexityDeficit = null });
        Assert.Equal(120, p30.MinAreaUsed, 9);
        Assert.Equal(new uint[] { 0, 1, 2, 0, 3 }, p30.Image.Data);
        var absolute = ShapeFilter.Apply(Labels(3, 7, 9, 12, 20), table, new ShapeFilterOptions { MinArea = AreaThreshold.Parse("250"), MinAbsoluteArea = null });
        Assert.Equal(new uint[] { 0, 0, 1, 0, 2 }, absolute.Image.Data);
        Assert.Equal(AreaThresholdKind.Absolute, AreaThreshold.Parse("80px").Kind);
        Assert.Equal(AreaThresholdKind.Median, AreaThreshold.Parse("median").Kind);
        Assert.Throws<SegMeasureException>(() => AreaThreshold.Parse("large"));
    }

    [Fact]
    public void Every_shape_criterion_rejects_strictly_beyond_its_limit()
    {
        // Segment 3: a disc-like reference (compactness 4π·100/40² = 0.785, P/√A = 4).
        // 7: eccentricity 0.99. 9: solidity exactly at the max (kept by it) but extent 0.2.
        // 12: perimeter 80 (compactness 0.196, P/√A 8). 20: extent 0.97 and solidity 0.999.
        var table = Features(Ids, [100, 100, 100, 100, 100], [40, 40, 40, 80, 40], [0.3, 0.99, 0.3, 0.3, 0.3],
            [0.9, 0.9, 0.98, 0.9, 0.999], [0.6, 0.6, 0.2, 0.6, 0.97]);
        var options = new ShapeFilterOptions
        {
            MinArea = AreaThreshold.None, MinAbsoluteArea = null, MaxConvexityDeficit = null,
            MaxEccentricity = 0.95, MinSolidity = 0.5, MaxSolidity = 0.98, MinExtent = 0.3, MaxExtent = 0.95,
            MinCompactness = 0.5, MaxPerimeterAreaRatio = 6,
        };
        var result = ShapeFilter.Apply(Labels(3, 7, 9, 12, 20), table, options);
        Assert.Equal(new uint[] { 1, 0, 0, 0, 0 }, result.Image.Data);
        var reasons = result.Report.Rejections["reasons"];
        Assert.Equal("eccentricity_above_max", reasons.GetValue(0));
        Assert.Equal("extent_below_min", reasons.GetValue(1));
        Assert.Equal("compactness_below_min;perimeter_area_ratio_above_max", reasons.GetValue(2));
        Assert.Equal("solidity_above_max;extent_above_max", reasons.GetValue(3));
        Assert.Equal(4 * Math.PI * 100 / 6400, ((DoubleColumn)result.Report.Rejections["compactness"])[2], 12);
        Assert.Equal(8, ((DoubleColumn)result.Report.Rejections["perimeter_area_ratio"])[2], 12);
    }

    [Fact]
    public void Area_outliers_use_the_population_standard_deviation()
    {
        // Areas 10, 10, 10, 10, 100: mean 28, σ 36; 1.5σ = 54 rejects only |100 − 28| = 72.
        var table = Features(Ids, [10, 10, 10, 10, 100], [1, 1, 1, 1, 1], [0, 0, 0, 0, 0], [1, 1, 1, 1, 1], [1, 1, 1, 1, 1]);
        var options = new ShapeFilterOptions { MinArea = AreaThreshold.None, MinAbsoluteArea = null, AreaStdFilter = 1.5 };
        var result = ShapeFilter.Apply(Labels(3, 7, 9, 12, 20), table, options);
        Assert.Equal(new uint[] { 1, 2, 3, 4, 0 }, result.Image.Data);
        Assert.Equal(1, result.Report.CountFor(ShapeFilter.AreaOutlier));
        var tighter = ShapeFilter.Apply(Labels(3, 7, 9, 12, 20), table, options with { AreaStdFilter = 2.1 });
        Assert.Equal(0, tighter.Report.RejectedCount);
    }

    [Fact]
    public void Three_dimensional_images_use_volume_and_surface_and_refuse_eccentricity()
    {
        var shape = ImageShape.Of3D(1, 1, 2);
        var labels = new LabelImage([1, 2], shape);
        // A ball of radius 1: V = 4π/3, S = 4π, compactness 36πV²/S³ = 1.
        double v = 4 * Math.PI / 3, s = 4 * Math.PI;
        var table = new MeasurementTable([
            new IntegerColumn("index", [1L, 2L]),
            new DoubleColumn("volume", [v, v]),
            new DoubleColumn("surface_area", [s, 3 * s]),
            new DoubleColumn("solidity", [1, 1]),
            new DoubleColumn("extent", [0.5, 0.5]),
        ]);
        var options = new ShapeFilterOptions { MinArea = AreaThreshold.None, MinAbsoluteArea = null, MinCompactness = 0.5 };
        var result = ShapeFilter.Apply(labels, table, options);
        Assert.Equal(new uint[] { 1, 0 }, result.Image.Data);
        Assert.Equal(1.0 / 27, ((DoubleColumn)result.Report.Rejections["compactness"])[0], 12);
        Assert.Throws<SegMeasureException>(() => ShapeFilter.Apply(labels, table, options with { MaxEccentricity = 0.9 }));
    }

    [Fact]
    public void A_segment_missing_from_the_feature_table_is_an_error()
    {
        var table = Features([3], [100], [40], [0.5], [0.9], [0.7]);
        var error = Assert.Throws<SegMeasureException>(() => ShapeFilter.Apply(Labels(3, 7), table));
        Assert.Contains("segment 7", error.Message);
    }
}
