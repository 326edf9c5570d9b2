using SegMeasure.Core.Images;
using SegMeasure.Core.Segmentation;
using SegMeasure.Core.Tiff;

namespace SegMeasure.Core.Tests.Segmentation;

/// <summary>A T axis is segmented frame by frame and written back as one T stack, frames in parallel or not.</summary>
public class TimeSeriesSegmentationTests
{
    /// <summary>Three time points made from the dsb2018 nuclei image: as it is, mirrored, and upside down.</summary>
    private static LabelImage[] Frames()
    {
        var image = ImageFile.ReadLabels(TestData.Real("real/stardist/dsb2018_img2d.tif"));
        int h = image.Shape.Height, w = image.Shape.Width;
        uint At(int y, int x) => image.Data[y * w + x];
        var mirrored = new uint[h * w];
        var flipped = new uint[h * w];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                mirrored[y * w + x] = At(y, w - 1 - x);
                flipped[y * w + x] = At(h - 1 - y, x);
            }

        return [image, new LabelImage(mirrored, image.Shape), new LabelImage(flipped, image.Shape)];
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Each_frame_is_segmented_as_a_single_image_would_be(int jobs)
    {
        using var dir = new TemporaryDirectory();
        var frames = Frames();
        var movie = dir.File("movie_BF.ome.tif");
        ImageFile.WriteLabelFrames(movie, frames); // integer intensities; the writer keeps them as they are
        var options = new SegmentationOptions { Jobs = jobs };
        var result = BatchSegmentation.Run(BatchSegmentation.Plan([movie], options), options).Single();

        Assert.Equal(3, result.ObjectsPerFrame.Count);
        using (var reader = TiffReader.Open(result.MaskPath))
            Assert.Equal("TYX", reader.Series.Axes);
        var masks = ImageFile.ReadIntensityFrames(result.MaskPath, null, default);
        for (int t = 0; t < 3; t++)
        {
            var single = dir.File($"frame{t}.tif");
            ImageFile.WriteLabels(single, frames[t]);
            var alone = BatchSegmentation.Run(BatchSegmentation.Plan([single], new SegmentationOptions()), new SegmentationOptions()).Single();
            var expected = ImageFile.ReadLabels(alone.MaskPath).Data;
            Assert.Equal(expected, masks[t].ChannelAsDouble(0).Select(v => (uint)v));
            Assert.Equal(alone.ObjectsPerFrame[0], result.ObjectsPerFrame[t]);
        }

        var log = File.ReadAllText(result.LogPath);
        Assert.Contains("frame 2:", log);
    }

    [Fact]
    public void Saving_flows_of_a_time_series_is_refused_naming_the_file()
    {
        using var dir = new TemporaryDirectory();
        var movie = dir.File("movie.ome.tif");
        ImageFile.WriteLabelFrames(movie, Frames());
        var options = new SegmentationOptions
        {
            Method = SegmentationMethod.Cellpose,
            ModelPath = Path.Combine(Postprocessing.ReferenceCases.RepoRoot(), "tests", "reference", "segmentation", "cases", "cellpose_tiny.onnx"),
            Cellpose = new SegMeasure.Core.Segmentation.Cellpose.CellposeOptions { SaveFlows = true },
        };
        var outcome = BatchSegmentation.RunEach(BatchSegmentation.Plan([movie], options), options).Single();
        Assert.NotNull(outcome.Error);
        Assert.Contains(movie, outcome.Error!.Message);
        Assert.Contains("time series", outcome.Error.Message);
        Assert.False(File.Exists(outcome.Job.MaskPath));
    }

    [Fact]
    public void Each_file_is_handed_on_as_it_finishes()
    {
        using var dir = new TemporaryDirectory();
        var inputs = Enumerable.Range(0, 3).Select(i => dir.File($"f{i}.tif")).ToArray();
        foreach (var input in inputs) ImageFile.WriteLabels(input, Frames()[0]);
        var options = new SegmentationOptions { Jobs = 2 };
        var handed = new System.Collections.Concurrent.ConcurrentBag<string>();
        var outcomes = BatchSegmentation.RunEach(BatchSegmentation.Plan(inputs, options), options, finished: o => handed.Add(o.Job.Input));
        Assert.Equal(inputs.Order(), handed.Order());
        Assert.All(outcomes, o => Assert.Null(o.Error));
    }
}
