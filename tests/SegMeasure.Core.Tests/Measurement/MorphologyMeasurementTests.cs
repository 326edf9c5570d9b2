using SegMeasure.Core.Images;
using SegMeasure.Core.Measurement;
using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Tests.Measurement;

public class MorphologyMeasurementTests
{
    public static IEnumerable<object[]> GeneratedCases => GoldenTables.Of("morphology", files: false);
    public static IEnumerable<object[]> FileCases => GoldenTables.Of("morphology", files: true);
    public static IEnumerable<object[]> ExtraCases => GoldenTables.Cases.Where(c => c.Measurement == "shape_extras").Select(c => new object[] { c });

    /// <summary>Surface areas are float32 sums in the reference; everything else is double.</summary>
    internal static double Tolerance(string column, bool is3D) =>
        column == "surface_area" || (is3D && column is "sphericity" or "compactness") ? 1e-5 : 1e-9;

    [Theory]
    [MemberData(nameof(GeneratedCases))]
    public void Matches_scikit_image_on_generated_edge_cases(GoldenCase golden) => Check(golden);

    [Theory]
    [MemberData(nameof(FileCases))]
    public void Matches_scikit_image_on_real_data(GoldenCase golden)
        => Check(golden);

    private static void Check(GoldenCase golden)
    {
        var labels = GoldenTables.Labels(golden.Labels);
        var table = MorphologyMeasurement.Measure(labels, new MorphologyOptions { Scale = golden.Scale });
        GoldenTables.AssertMatches(golden, table, c => Tolerance(c, !labels.Shape.Is2D));
    }

    [Theory]
    [MemberData(nameof(ExtraCases))]
    public void Shape_extras_match_regionprops(GoldenCase golden)
    {
        var labels = GoldenTables.Labels(golden.Labels);
        var table = MorphologyMeasurement.Measure(labels, new MorphologyOptions { IncludeShapeExtras = true });
        GoldenTables.AssertMatches(golden, table, c => Tolerance(c, !labels.Shape.Is2D), exactColumns: false);
    }

    [Theory]
    [MemberData(nameof(ExtraCases))]
    public void Compactness_is_Polsby_Popper_as_the_shape_filter_defines_it(GoldenCase golden)
    {
        // 4πA/P² in 2D (the spec's sphericity formula), 36πV²/S³ in 3D (sphericity cubed).
        var labels = GoldenTables.Labels(golden.Labels);
        var table = MorphologyMeasurement.Measure(labels, new MorphologyOptions { IncludeShapeExtras = true });
        var compactness = (DoubleColumn)table["compactness"];
        var sphericity = (DoubleColumn)table["sphericity"];
        Assert.True(table.RowCount > 0);
        for (int row = 0; row < table.RowCount; row++)
        {
            var expected = labels.Shape.Is2D ? sphericity[row] : Math.Pow(sphericity[row], 3);
            if (double.IsNaN(expected)) Assert.True(double.IsNaN(compactness[row]));
            else Assert.Equal(expected, compactness[row], 1e-9 * Math.Max(1, Math.Abs(expected)));
        }
    }

    [Fact]
    public void Default_scale_is_the_voxel_size_of_the_image_and_an_explicit_scale_wins()
    {
        var data = new uint[] { 0, 1, 1, 0, 1, 1, 0, 0, 0 };
        var calibrated = new LabelImage(data, ImageShape.Of2D(3, 3), new VoxelSize(1, 0.5, 0.5, "micron"));
        Assert.Equal(1.0, ((DoubleColumn)MorphologyMeasurement.Measure(calibrated)["area"])[0], 12);
        var explicitScale = MorphologyMeasurement.Measure(calibrated, new MorphologyOptions { Scale = [2.0] });
        Assert.Equal(16.0, ((DoubleColumn)explicitScale["area"])[0], 12);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Results_do_not_depend_on_how_labels_are_numbered(bool is3D)
    {
        // Touching, interleaved and split objects that cross the bands the scan is cut into, under
        // small ids and under ids (in the same order) spread up to uint.MaxValue.
        var rng = new Random(5);
        var shape = is3D ? ImageShape.Of3D(6, 30, 40) : ImageShape.Of2D(90, 70);
        var dense = new uint[shape.Length];
        for (int i = 0; i < dense.Length; i++) dense[i] = rng.Next(6) == 0 ? (uint)rng.Next(20) : (uint)(i / 37 % 20);
        uint Spread(uint v) => v == 0 ? 0 : v < 7 ? v : v < 14 ? (1u << 22) + v : uint.MaxValue - (20 - v);
        var options = new MorphologyOptions { IncludeShapeExtras = true };
        var a = MorphologyMeasurement.Measure(new LabelImage(dense, shape), options);
        var b = MorphologyMeasurement.Measure(new LabelImage(dense.Select(Spread).ToArray(), shape), options);

        Assert.Equal(19, a.RowCount);
        Assert.Equal(Enumerable.Range(1, 19).Select(v => (long?)Spread((uint)v)), ((IntegerColumn)b["index"]).Values);
        foreach (var name in a.ColumnNames.Skip(1))
        {
            if (a[name] is DoubleColumn d) Assert.Equal(d.Values, ((DoubleColumn)b[name]).Values);
            else Assert.Equal(((IntegerColumn)a[name]).Values, ((IntegerColumn)b[name]).Values);
        }
    }

    [Fact]
    public void Empty_images_give_the_reference_columns()
    {
        Assert.Equal(MorphologyMeasurement.Columns2D, MorphologyMeasurement.Measure(new LabelImage(new uint[4], ImageShape.Of2D(2, 2))).ColumnNames);
        var empty3D = MorphologyMeasurement.Measure(new LabelImage(new uint[8], ImageShape.Of3D(2, 2, 2)));
        Assert.Equal(MorphologyMeasurement.Columns3D, empty3D.ColumnNames);
        Assert.Equal(0, empty3D.RowCount);
    }

    [Fact]
    public void Scale_with_the_wrong_number_of_values_is_refused()
    {
        var labels = new LabelImage(new uint[4], ImageShape.Of2D(2, 2));
        Assert.Throws<SegMeasureException>(() => MorphologyMeasurement.Measure(labels, new MorphologyOptions { Scale = [1, 2, 3] }));
    }

    [Fact]
    public void Exact_perimeter_equals_the_reference_for_square_pixels()
    {
        var labels = Disc(60, 60, 30, 30, 20, 20);
        var reference = MorphologyMeasurement.Measure(labels, new MorphologyOptions { Scale = [0.7] });
        var exact = MorphologyMeasurement.Measure(labels, new MorphologyOptions { Scale = [0.7], PerimeterMethod = PerimeterMethod.Exact });
        Assert.Equal(((DoubleColumn)reference["perimeter"])[0], ((DoubleColumn)exact["perimeter"])[0], 1e-9);
    }

    [Fact]
    public void Exact_perimeter_follows_the_physical_shape_of_anisotropic_pixels()
    {
        // A physical circle of radius 40 sampled with pixels 0.5 (y) by 2.0 (x): an ellipse in pixels.
        double radius = 40, sy = 0.5, sx = 2.0;
        var labels = Disc(200, 60, 100, 30, radius / sy, radius / sx);
        double truth = 2 * Math.PI * radius;
        var exact = ((DoubleColumn)MorphologyMeasurement.Measure(labels, new MorphologyOptions { Scale = [sy, sx], PerimeterMethod = PerimeterMethod.Exact })["perimeter"])[0];
        var reference = ((DoubleColumn)MorphologyMeasurement.Measure(labels, new MorphologyOptions { Scale = [sy, sx] })["perimeter"])[0];
        Assert.InRange(Math.Abs(exact - truth) / truth, 0, 0.03);
        Assert.True(Math.Abs(exact - truth) < Math.Abs(reference - truth), $"exact {exact}, reference {reference}, truth {truth}");
    }

    private static LabelImage Disc(int height, int width, double cy, double cx, double ry, double rx)
    {
        var data = new uint[height * width];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                if (Math.Pow((y - cy) / ry, 2) + Math.Pow((x - cx) / rx, 2) <= 1) data[y * width + x] = 1;
        return new LabelImage(data, ImageShape.Of2D(height, width));
    }
}
