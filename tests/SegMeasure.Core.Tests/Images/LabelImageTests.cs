using SegMeasure.Core;
using SegMeasure.Core.Images;

namespace SegMeasure.Core.Tests.Images;

public class LabelImageTests
{
    [Fact]
    public void FromSamples_converts_integer_ids()
    {
        var image = LabelImage.FromSamples(new long[] { 0, 3, 4294967295, 7 }, ImageShape.Of2D(2, 2), PixelType.Int64);
        Assert.Equal(new uint[] { 0, 3, uint.MaxValue, 7 }, image.Data);
        Assert.Equal(PixelType.Int64, image.StoredType);
        Assert.Equal(uint.MaxValue, image.MaxLabel());
    }

    [Theory]
    [InlineData(-1.0, "negative")]
    [InlineData(2.5, "fractional")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(5e9, "above 4294967295")]
    public void FromSamples_rejects_values_that_are_not_ids(double bad, string expected)
    {
        var samples = new[] { 0.0, 1.0, 2.0, bad };
        var e = Assert.Throws<InvalidLabelException>(() =>
            LabelImage.FromSamples(samples, ImageShape.Of2D(2, 2), PixelType.Float64, path: "cells.tif"));
        Assert.Contains(expected, e.Message);
        Assert.Contains("cells.tif", e.Message);
        Assert.Contains("(y=1, x=1)", e.Message);
    }

    [Fact]
    public void FromSamples_of_a_large_image_converts_in_blocks_and_names_the_first_bad_voxel()
    {
        // Three million voxels (not a multiple of a vector): several blocks converted at once; the error must still be the first in raster order.
        var shape = ImageShape.Of2D(999, 3001);
        var words = Enumerable.Range(0, 999 * 3001).Select(i => (ushort)(i % 65536)).ToArray();
        Assert.Equal(words.Select(w => (uint)w), LabelImage.FromSamples(words, shape, PixelType.UInt16).Data);

        var signed = words.Select(w => (int)w).ToArray();
        signed[2_500_123] = -5;
        signed[1_200_007] = -3;
        var e = Assert.Throws<InvalidLabelException>(() => LabelImage.FromSamples(signed, shape, PixelType.Int32));
        Assert.Contains("(-3) at voxel (y=399, x=2608)", e.Message);
    }

    [Fact]
    public void Shape_indexes_in_zyx_order()
    {
        var shape = ImageShape.Of3D(2, 3, 4);
        Assert.Equal(24, shape.Length);
        Assert.Equal(1 * 12 + 2 * 4 + 3, shape.IndexOf(1, 2, 3));
        Assert.Equal(new[] { 2, 3, 4 }, shape.ToArray());
        Assert.Equal(new[] { 3, 4 }, ImageShape.Of2D(3, 4).ToArray());
    }

    [Fact]
    public void VoxelSize_follows_the_scale_convention()
    {
        Assert.Equal(new VoxelSize(1.0, 0.5, 0.25, "micron"), VoxelSize.FromScale([0.5, 0.25], is2D: true));
        Assert.Equal(new VoxelSize(2.0, 0.5, 0.5, "micron"), VoxelSize.FromScale([2.0, 0.5, 0.5], is2D: false));
        Assert.Equal(new VoxelSize(0.3, 0.3, 0.3, "micron"), VoxelSize.FromScale([0.3], is2D: false));
        Assert.Throws<SegMeasureException>(() => VoxelSize.FromScale([1.0, 2.0, 3.0], is2D: true));
        Assert.Throws<SegMeasureException>(() => VoxelSize.FromScale([0.0], is2D: true));
    }
}
