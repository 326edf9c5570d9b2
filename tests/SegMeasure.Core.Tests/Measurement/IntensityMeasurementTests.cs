using SegMeasure.Core.Images;
using SegMeasure.Core.Measurement;
using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Tests.Measurement;

public class IntensityMeasurementTests
{
    public static IEnumerable<object[]> GeneratedCases => GoldenTables.Of("intensity", files: false);
    public static IEnumerable<object[]> FileCases => GoldenTables.Of("intensity", files: true);

    [Theory]
    [MemberData(nameof(GeneratedCases))]
    public void Matches_numpy_on_generated_edge_cases(GoldenCase golden) => Check(golden);

    [Theory]
    [MemberData(nameof(FileCases))]
    public void Matches_numpy_on_real_data(GoldenCase golden)
        => Check(golden);

    private static void Check(GoldenCase golden)
    {
        var table = IntensityMeasurement.Measure(GoldenTables.Labels(golden.Labels), GoldenTables.Intensity(golden.Intensity!));
        GoldenTables.AssertMatches(golden, table, _ => 1e-9);
    }


    [Fact]
    public void Shape_mismatch_names_both_shapes()
    {
        var labels = new LabelImage(new uint[12], ImageShape.Of2D(3, 4));
        var intensity = IntensityImage.Create(new float[12], ImageShape.Of2D(4, 3));
        var e = Assert.Throws<ShapeMismatchException>(() => IntensityMeasurement.Measure(labels, intensity));
        Assert.Contains("(3, 4)", e.Message);
        Assert.Contains("(4, 3)", e.Message);
    }

    [Fact]
    public void Empty_image_gives_the_reference_columns_and_no_rows()
    {
        var table = IntensityMeasurement.Measure(new LabelImage(new uint[6], ImageShape.Of2D(2, 3)), IntensityImage.Create(new byte[6], ImageShape.Of2D(2, 3)));
        Assert.Equal(IntensityMeasurement.Columns, table.ColumnNames);
        Assert.Equal(0, table.RowCount);
    }

    [Fact]
    public void Every_channel_is_measured_with_suffixed_columns_and_optional_sum()
    {
        var labels = new LabelImage([0, 5, 5, 9, 9, 9], ImageShape.Of2D(2, 3));
        var channels = new Array[] { new ushort[] { 1, 2, 4, 10, 20, 60 }, new ushort[] { 7, 1, 1, 3, 3, 3 } };
        var image = new IntensityImage(channels, labels.Shape, PixelType.UInt16);
        var table = IntensityMeasurement.Measure(labels, image, new IntensityOptions { IncludeSum = true });
        Assert.Equal([5L, 9L], ((IntegerColumn)table["index"]).Values.Select(v => v!.Value));
        Assert.Equal([3.0, 30.0], ((DoubleColumn)table["mean_intensity_ch0"]).Values);
        Assert.Equal([6.0, 90.0], ((DoubleColumn)table["sum_intensity_ch0"]).Values);
        Assert.Equal([1.0, 3.0], ((DoubleColumn)table["median_intensity_ch1"]).Values);
        Assert.Equal(1 + 2 * 10, table.ColumnCount);
        Assert.Equal("sum_intensity_ch0", table.Columns[2].Name);
    }

    [Fact]
    public void Results_do_not_depend_on_how_labels_are_numbered()
    {
        // The same objects under dense ids and under ids spread up to uint.MaxValue.
        var rng = new Random(7);
        var dense = new uint[64 * 64];
        for (int i = 0; i < dense.Length; i++) dense[i] = (uint)(i / 97 % 13);
        var sparse = dense.Select(v => v == 0 ? 0u : uint.MaxValue - 1000u * (13 - v)).ToArray();
        var values = Enumerable.Range(0, dense.Length).Select(_ => rng.NextDouble()).ToArray();
        var shape = ImageShape.Of2D(64, 64);
        var a = IntensityMeasurement.Measure(new LabelImage(dense, shape), IntensityImage.Create(values, shape));
        var b = IntensityMeasurement.Measure(new LabelImage(sparse, shape), IntensityImage.Create(values, shape));
        Assert.Equal(12, a.RowCount);
        Assert.Equal(uint.MaxValue - 1000u * 12, (uint)((IntegerColumn)b["index"])[0]!.Value);
        foreach (var name in IntensityMeasurement.Columns.Skip(1))
            Assert.Equal(((DoubleColumn)a[name]).Values, ((DoubleColumn)b[name]).Values);
    }
}

public class SampleStatisticsTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 3)]
    [InlineData(7, 5)]
    [InlineData(100, 3)]
    [InlineData(1000, 1000)]
    [InlineData(5000, 4)]
    [InlineData(200, 100000)]
    [InlineData(3000, 1000000)]
    public void Order_statistics_equal_those_of_a_full_sort(int n, int distinctValues)
    {
        var rng = new Random(n * 31 + distinctValues);
        var values = Enumerable.Range(0, n).Select(_ => rng.Next(distinctValues)).ToArray();
        var sorted = values.OrderBy(v => v).ToArray();
        var stats = SegMeasure.Core.Measurement.SampleStatistics.Of(values.AsSpan());
        Assert.Equal(sorted[0], stats.Min);
        Assert.Equal(sorted[^1], stats.Max);
        Assert.Equal(SegMeasure.Core.Measurement.SampleStatistics.MedianOf<int>(sorted), stats.Median);
        Assert.Equal(SegMeasure.Core.Measurement.SampleStatistics.PercentileOf<int>(sorted, 10), stats.Percentile10);
        Assert.Equal(SegMeasure.Core.Measurement.SampleStatistics.PercentileOf<int>(sorted, 25), stats.Percentile25);
        Assert.Equal(SegMeasure.Core.Measurement.SampleStatistics.PercentileOf<int>(sorted, 75), stats.Percentile75);
        Assert.Equal(SegMeasure.Core.Measurement.SampleStatistics.PercentileOf<int>(sorted, 90), stats.Percentile90);
    }

    [Theory]
    [InlineData(0, 65535, 1)]        // the full 16-bit range: squares above 2³¹
    [InlineData(65000, 65535, 50)]   // a large mean with a small spread
    [InlineData(7, 7, 1000)]         // constant: exactly zero
    [InlineData(0, 255, 100000)]
    public void Sixteen_bit_sums_and_deviation_match_exact_arithmetic(int low, int high, int n)
    {
        var rng = new Random(low + high + n);
        var values = Enumerable.Range(0, n).Select(_ => (ushort)rng.Next(low, high + 1)).ToArray();
        decimal mean = values.Sum(v => (decimal)v) / n;
        double variance = (double)(values.Sum(v => ((decimal)v - mean) * ((decimal)v - mean)) / n);

        var stats = SegMeasure.Core.Measurement.SampleStatistics.Of(values.ToArray().AsSpan()); // it reorders its input

        Assert.Equal(values.Sum(v => (double)v), stats.Sum);
        Assert.Equal((double)mean, stats.Mean, 1e-12);
        Assert.Equal(Math.Sqrt(variance), stats.Std, Math.Max(1e-12, 1e-12 * Math.Sqrt(variance)));
        if (low == high) Assert.Equal(0.0, stats.Std);
        Assert.Equal(values.Min(), stats.Min);
        Assert.Equal(values.Max(), stats.Max);
    }
}
