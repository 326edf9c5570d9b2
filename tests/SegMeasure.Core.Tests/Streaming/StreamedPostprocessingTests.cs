using SegMeasure.Core.Images;
using SegMeasure.Core.Postprocessing;
using SegMeasure.Core.Tiff;

namespace SegMeasure.Core.Tests.Streaming;

/// <summary>The local post-processing steps band by band write exactly the pixels of the in-memory steps.</summary>
public class StreamedPostprocessingTests
{
    private static readonly TiffWriteOptions Keep = new(), Replace = new() { Overwrite = true };

    public static IEnumerable<object[]> Cases =>
    [
        [1, 1, false], [3, 7, false], [7, 3, false], [5, 0, false],
        [1, 1, true], [3, 0, true],
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Small_segment_filter_band_by_band_writes_the_in_memory_pixels(int rowsPerStrip, int stripeRows, bool volume)
    {
        using var dir = new TemporaryDirectory();
        string input = Generated(dir, rowsPerStrip, volume);
        foreach (double minSize in new[] { 1.0, 20.0, 150.0, 0.01 })
        {
            string whole = dir.File($"whole-{minSize}.tif"), banded = dir.File($"banded-{minSize}.tif");
            var a = PostprocessFile.FilterSmallSegments(input, whole, minSize, Keep, default, null, streaming: false, 0);
            var b = PostprocessFile.FilterSmallSegments(input, banded, minSize, Keep, default, null, streaming: true, stripeRows);
            AssertSameOutput(a, b);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Ring_mask_band_by_band_writes_the_in_memory_pixels(int rowsPerStrip, int stripeRows, bool volume)
    {
        using var dir = new TemporaryDirectory();
        string input = Generated(dir, rowsPerStrip, volume);
        foreach (int width in new[] { 1, 2, 5 })
            foreach (bool keep in new[] { true, false })
            {
                string whole = dir.File($"whole-{width}-{keep}.tif"), banded = dir.File($"banded-{width}-{keep}.tif");
                var a = PostprocessFile.RingMask(input, whole, width, keep, Keep, null, null, default, null, streaming: false, 0);
                var b = PostprocessFile.RingMask(input, banded, width, keep, Keep, null, null, default, null, streaming: true, stripeRows);
                AssertSameOutput(a, b);
            }
    }

    [Fact]
    public void Real_segmentations_filtered_band_by_band_match()
    {
        using var dir = new TemporaryDirectory();
        foreach (var input in new[] { Path.Combine(TestData.RepositoryRoot, "examples", "data", "membrane-seg.tif"), TestData.Real("real/stardist/synthetic_mask3d.tif") })
        {
            string name = Path.GetFileNameWithoutExtension(input);
            AssertSameOutput(
                PostprocessFile.FilterSmallSegments(input, dir.File(name + "-f1.tif"), 300, Keep, default, null, streaming: false, 0),
                PostprocessFile.FilterSmallSegments(input, dir.File(name + "-f2.tif"), 300, Keep, default, null, streaming: true, 3));
            AssertSameOutput(
                PostprocessFile.RingMask(input, dir.File(name + "-r1.tif"), 3, false, Keep, null, null, default, null, streaming: false, 0),
                PostprocessFile.RingMask(input, dir.File(name + "-r2.tif"), 3, false, Keep, null, null, default, null, streaming: true, 7));
        }
    }

    [Fact]
    public void Band_by_band_output_past_the_BigTIFF_threshold_is_a_BigTIFF_with_the_same_pixels()
    {
        using var dir = new TemporaryDirectory();
        string input = Generated(dir, 3, false);
        var whole = PostprocessFile.FilterSmallSegments(input, dir.File("whole.tif"), 20, Keep, default, null, streaming: false, 0);
        using (var rows = SegMeasure.Core.Streaming.TiffRows.TryOpen(input)!)
        {
            // A threshold of 0 stands for an output past 4 GB.
            StreamedPostprocessing.FilterSmallSegments(rows, dir.File("big.tif"), 20, new TiffWriteOptions(), SegMeasure.Core.Measurement.Engine.BandLayout.FromFile, default, bigTiffThreshold: 0);
            StreamedPostprocessing.RingMask(rows, dir.File("rings.tif"), 2, true, new TiffWriteOptions(), SegMeasure.Core.Measurement.Engine.BandLayout.FromFile, default, bigTiffThreshold: 0);
        }

        using (var reader = TiffReader.Open(dir.File("big.tif"))) Assert.True(reader.IsBigTiff);
        Assert.Equal(ImageFile.ReadLabels(whole.OutputPath).Data, ImageFile.ReadLabels(dir.File("big.tif")).Data);
        var rings = PostprocessFile.RingMask(input, dir.File("rings-whole.tif"), 2, true, Keep, null, null, default, null, streaming: false, 0);
        using (var reader = TiffReader.Open(dir.File("rings.tif"))) Assert.True(reader.IsBigTiff);
        Assert.Equal(ImageFile.ReadLabels(rings.OutputPath).Data, ImageFile.ReadLabels(dir.File("rings.tif")).Data);
    }

    [Fact]
    public void The_band_path_refuses_an_existing_output_and_the_input_as_output()
    {
        using var dir = new TemporaryDirectory();
        string input = Generated(dir, 3, false);
        File.WriteAllText(dir.File("taken.tif"), "x");
        Assert.Throws<OutputExistsException>(() => PostprocessFile.FilterSmallSegments(input, dir.File("taken.tif"), 5, Keep, default, null, streaming: true, 0));
        Assert.Equal("x", File.ReadAllText(dir.File("taken.tif")));
        var e = Assert.Throws<SegMeasureException>(() => PostprocessFile.RingMask(input, input, 2, true, Replace, null, null, default, null, streaming: true, 0));
        Assert.Equal("SegMeasure.OutputIsInput", e.ErrorId);
    }

    private static string Generated(TemporaryDirectory dir, int rowsPerStrip, bool volume)
    {
        var random = new Random(rowsPerStrip * 17 + (volume ? 5 : 0));
        var shape = volume ? ImageShape.Of3D(7, 31, 21) : ImageShape.Of2D(67, 45);
        var labels = StreamedMeasurementTests.Blobs(shape, random, 30, sparseIds: false);
        string path = dir.File("input.tif");
        TiffWriter.WriteLabels(path, labels, new TiffWriteOptions { LabelType = PixelType.UInt16 }, default, uint.MaxValue, rowsPerStrip);
        using (var rows = SegMeasure.Core.Streaming.TiffRows.TryOpen(path)) Assert.NotNull(rows);
        return path;
    }

    private static void AssertSameOutput(PostprocessFileResult whole, PostprocessFileResult banded)
    {
        Assert.Equal(whole.SegmentsBefore, banded.SegmentsBefore);
        Assert.Equal(whole.SegmentsAfter, banded.SegmentsAfter);
        var a = ImageFile.ReadLabels(whole.OutputPath);
        var b = ImageFile.ReadLabels(banded.OutputPath);
        Assert.Equal(a.Shape, b.Shape);
        Assert.Equal(a.StoredType, b.StoredType);
        Assert.Equal(a.VoxelSize, b.VoxelSize);
        Assert.True(a.Data.AsSpan().SequenceEqual(b.Data), "pixels differ");
        Assert.Contains(a.Data, v => v != 0);
    }
}
