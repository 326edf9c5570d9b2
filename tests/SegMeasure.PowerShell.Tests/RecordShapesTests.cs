using SegMeasure.Core.Measurement;

namespace SegMeasure.PowerShell.Tests;

/// <summary>The shapes the view tests compare against are the spec's columns, read from the core.</summary>
public class RecordShapesTests
{
    [Theory]
    [InlineData("SegMeasure.Intensity", "mean_intensity", "percentile_90", "IntensityPath")]
    [InlineData("SegMeasure.Morphology", "area", "surface_area", "equivalent_diameter")]
    [InlineData("SegMeasure.CellNucleus", "n_nuclei", "cell_volume", "mean_intensity_ratio")]
    [InlineData("SegMeasure.ImageInfo", "Shape", "VoxelSize", "Labels")]
    public void Shapes_hold_the_spec_columns_and_the_paths(string typeName, params string[] expected)
    {
        var shape = RecordShapes.ByTypeName[typeName];
        Assert.All(expected, name => Assert.Contains(name, shape));
        Assert.DoesNotContain("no_such_column", shape);
    }

    [Fact]
    public void Every_measurement_column_of_the_core_is_in_a_shape()
    {
        Assert.Superset(IntensityMeasurement.Columns.ToHashSet(), RecordShapes.ByTypeName["SegMeasure.Intensity"].ToHashSet());
        Assert.Superset(MorphologyMeasurement.Columns3D.ToHashSet(), RecordShapes.ByTypeName["SegMeasure.Morphology"].ToHashSet());
    }
}
