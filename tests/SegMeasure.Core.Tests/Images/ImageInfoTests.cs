using SegMeasure.Core.Images;

namespace SegMeasure.Core.Tests.Images;

public class ImageInfoTests
{
    [Fact]
    public void Reports_the_manifest_fields_of_a_calibrated_volume()
    {
        var info = ImageInfo.Read(TestData.Conformance("stack3d_label_u16_imagej.tif"));
        Assert.Equal(new[] { 31, 61, 57 }, info.Shape);
        Assert.Equal("ZYX", info.Axes);
        Assert.Equal("uint16", info.DType);
        Assert.Equal(new[] { 2.0, 0.5, 0.5 }, info.VoxelSize);
        Assert.Equal("micron", info.Unit);
        Assert.True(info.IsCalibrated);
        Assert.Equal(51, info.Labels);
        Assert.Equal("ee06fbf1ea606198f930b365ae1eb90aad418e3714febb9a0a43255ea9ff2750", info.Sha256);
    }

    [Fact]
    public void Float_images_have_no_label_count_and_2D_images_two_voxel_sizes()
    {
        var info = ImageInfo.Read(TestData.Conformance("intensity_f32_none.tif"));
        Assert.Null(info.Labels);
        Assert.Equal(2, info.VoxelSize.Length);
        Assert.False(info.IsCalibrated);
    }

    [Theory]
    [InlineData(new byte[] { 0, 3, 3, 255, 0 }, 2)]
    [InlineData(new int[] { -1, 0, 5, 5, -1, 7 }, 3)]
    [InlineData(new short[] { -1, 0, 1, 1 }, 2)]
    [InlineData(new long[] { 0, 0, 0 }, 0)]
    public void Distinct_non_zero_values_are_counted(Array samples, long expected) =>
        Assert.Equal(expected, DistinctValues.CountNonZero(samples));
}
