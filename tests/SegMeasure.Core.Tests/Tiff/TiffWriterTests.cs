using SegMeasure.Core.Images;
using SegMeasure.Core.Tiff;

namespace SegMeasure.Core.Tests.Tiff;

/// <summary>What the writer writes, the reader reads back bit-exactly; output files are never damaged.</summary>
public class TiffWriterTests : IDisposable
{
    private readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<PixelType> Types()
    {
        var data = new TheoryData<PixelType>();
        foreach (var t in SampleImages.AllTypes) data.Add(t);
        return data;
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Intensity_2D_round_trips_bit_exactly(PixelType type)
    {
        var image = SampleImages.Intensity(type, ImageShape.Of2D(37, 53));
        var path = _dir.File("image.tif");
        ImageFile.WriteIntensity(path, image);
        var back = ImageFile.ReadIntensity(path);
        Assert.Equal(image.Shape, back.Shape);
        Assert.Equal(type, back.PixelType);
        Assert.Equal(image.GetChannelArray(0), back.GetChannelArray(0));
        Assert.False(back.VoxelSize.IsCalibrated);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Intensity_3D_with_voxel_size_round_trips(PixelType type)
    {
        var voxel = new VoxelSize(2.0, 0.325, 0.25, "micron");
        var image = SampleImages.Intensity(type, ImageShape.Of3D(5, 37, 53), voxel: voxel);
        var path = _dir.File("volume.tif");
        ImageFile.WriteIntensity(path, image);
        var back = ImageFile.ReadIntensity(path);
        Assert.Equal(image.Shape, back.Shape);
        Assert.False(back.Shape.Is2D);
        Assert.Equal(type, back.PixelType);
        Assert.Equal(image.GetChannelArray(0), back.GetChannelArray(0));
        Assert.True(back.VoxelSize.IsCalibrated);
        Assert.Equal("micron", back.VoxelSize.Unit);
        Assert.Equal(2.0, back.VoxelSize.Z, 1e-12);
        Assert.Equal(0.325, back.VoxelSize.Y, 1e-9);
        Assert.Equal(0.25, back.VoxelSize.X, 1e-9);
    }

    [Theory]
    [InlineData(TiffCompression.None)]
    [InlineData(TiffCompression.Deflate)]
    [InlineData(TiffCompression.Lzw)]
    [InlineData(TiffCompression.PackBits)]
    public void Every_compression_round_trips_over_many_strips(TiffCompression compression)
    {
        var labels = SampleImages.Labels(ImageShape.Of3D(3, 700, 1000), 70_000);
        var path = _dir.File("labels.tif");
        ImageFile.WriteLabels(path, labels, new TiffWriteOptions { Compression = compression });
        using (var reader = TiffReader.Open(path))
        {
            Assert.Equal((ulong)compression, reader.Pages[0].Compression);
            Assert.True(reader.Pages[0].BandsPerPlane > 1);
        }

        Assert.Equal(labels.Data, ImageFile.ReadLabels(path).Data);
    }

    [Theory]
    [InlineData(200u, PixelType.UInt8)]
    [InlineData(255u, PixelType.UInt8)]
    [InlineData(256u, PixelType.UInt16)]
    [InlineData(70_000u, PixelType.UInt32)]
    [InlineData(uint.MaxValue, PixelType.UInt32)]
    public void Labels_get_the_smallest_unsigned_type_holding_the_largest_label(uint max, PixelType expected)
    {
        var labels = SampleImages.Labels(ImageShape.Of2D(20, 30), max);
        var path = _dir.File("labels.tif");
        ImageFile.WriteLabels(path, labels);
        var back = ImageFile.ReadLabels(path);
        Assert.Equal(expected, back.StoredType);
        Assert.Equal(labels.Data, back.Data);
    }

    [Fact]
    public void A_requested_label_type_is_kept_and_one_too_small_is_refused()
    {
        var labels = SampleImages.Labels(ImageShape.Of2D(20, 30), 300);
        var path = _dir.File("labels.tif");
        ImageFile.WriteLabels(path, labels, new TiffWriteOptions { LabelType = PixelType.Int32 });
        Assert.Equal(PixelType.Int32, ImageFile.ReadLabels(path).StoredType);
        var error = Assert.Throws<SegMeasureException>(() =>
            ImageFile.WriteLabels(_dir.File("small.tif"), labels, new TiffWriteOptions { LabelType = PixelType.UInt8 }));
        Assert.Contains("uint8", error.Message);
        Assert.False(File.Exists(_dir.File("small.tif")));
    }

    [Fact]
    public void Multichannel_volumes_round_trip_as_an_ImageJ_hyperstack()
    {
        var voxel = new VoxelSize(1.5, 0.5, 0.5, "micron");
        var image = SampleImages.Intensity(PixelType.UInt16, ImageShape.Of3D(4, 10, 12), channels: 3, voxel: voxel);
        var path = _dir.File("hyper.tif");
        ImageFile.WriteIntensity(path, image);
        using (var reader = TiffReader.Open(path))
        {
            Assert.Equal("ZCYX", reader.Series.Axes);
            Assert.Equal(new[] { 4, 3, 10, 12 }, reader.Series.Shape);
        }

        var back = ImageFile.ReadIntensity(path);
        Assert.Equal(3, back.ChannelCount);
        for (int c = 0; c < 3; c++) Assert.Equal(image.GetChannel<ushort>(c), back.GetChannel<ushort>(c));
    }

    [Fact]
    public void BigTiff_is_chosen_when_the_file_could_pass_the_classic_limit()
    {
        var labels = SampleImages.Labels(ImageShape.Of3D(2, 50, 60), 1000, new VoxelSize(3, 1, 1, "micron"));
        var small = _dir.File("classic.tif");
        var big = _dir.File("big.tif");
        TiffWriter.WriteLabels(small, labels, null, default, bigTiffThreshold: uint.MaxValue);
        TiffWriter.WriteLabels(big, labels, null, default, bigTiffThreshold: 1000);
        using (var reader = TiffReader.Open(small)) Assert.False(reader.IsBigTiff);
        using (var reader = TiffReader.Open(big)) Assert.True(reader.IsBigTiff);
        var back = ImageFile.ReadLabels(big);
        Assert.Equal(labels.Data, back.Data);
        Assert.Equal(3.0, back.VoxelSize.Z);
    }

    [Fact]
    public void An_existing_file_is_not_overwritten_unless_asked()
    {
        var path = _dir.File("out.tif");
        File.WriteAllText(path, "precious");
        var labels = SampleImages.Labels(ImageShape.Of2D(10, 10), 5);
        var error = Assert.Throws<OutputExistsException>(() => ImageFile.WriteLabels(path, labels));
        Assert.Equal(path, error.Path);
        Assert.Equal("precious", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_dir.Path));

        ImageFile.WriteLabels(path, labels, new TiffWriteOptions { Overwrite = true });
        Assert.Equal(labels.Data, ImageFile.ReadLabels(path).Data);
        Assert.Single(Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public void A_failed_write_leaves_neither_the_target_nor_a_temporary_file()
    {
        var path = _dir.File("cancelled.tif");
        var labels = SampleImages.Labels(ImageShape.Of3D(4, 64, 64), 5);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => TiffWriter.WriteLabels(path, labels, null, cancelled.Token));
        Assert.Empty(Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public void A_failed_write_keeps_the_previous_output()
    {
        var path = _dir.File("kept.tif");
        var first = SampleImages.Labels(ImageShape.Of2D(10, 10), 5);
        ImageFile.WriteLabels(path, first);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            TiffWriter.WriteLabels(path, SampleImages.Labels(ImageShape.Of2D(10, 10), 9), new TiffWriteOptions { Overwrite = true }, cancelled.Token));
        Assert.Equal(first.Data, ImageFile.ReadLabels(path).Data);
        Assert.Single(Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public void A_missing_output_folder_is_a_clear_error()
    {
        var path = Path.Combine(_dir.Path, "no-such-folder", "out.tif");
        var error = Assert.Throws<SegMeasureException>(() => ImageFile.WriteLabels(path, SampleImages.Labels(ImageShape.Of2D(4, 4), 1)));
        Assert.Equal(ErrorKind.NotFound, error.Kind);
    }
}
