using SegMeasure.Core.Images;
using SegMeasure.Core.Segmentation;
using SegMeasure.Core.Tiff;

namespace SegMeasure.Core.Tests.Segmentation;

public class BatchSegmentationTests
{
    private static string Dsb => TestData.Real("real/stardist/dsb2018_img2d.tif");

    [Fact]
    public void Output_names_follow_the_spec_and_the_suffix_is_restricted()
    {
        Assert.Equal(("/d/smp01_BF_vSM.ome.tif", "/d/smp01_BF_vSM.log"), SegmentationNaming.OutputsFor("/d/smp01_BF.nd2", "", null));
        Assert.Equal(Path.Combine("/o", "a_vSM-run-2.ome.tif"), SegmentationNaming.OutputsFor("/d/a.ome.tiff", "run-2", "/o").Mask);
        foreach (var bad in new[] { "a b", "x_y", "é", "a/b" })
            Assert.Equal("SegMeasure.InvalidSuffix", Assert.Throws<SegMeasureException>(() => SegmentationNaming.ValidateSuffix(bad)).ErrorId);
        Assert.Throws<SegMeasureException>(() => SegmentationNaming.OutputsFor("/d/a.png", "", null));
    }

    [Fact]
    public void Folders_and_patterns_keep_accepted_names_with_the_filter_text()
    {
        using var dir = new TemporaryDirectory();
        foreach (var name in new[] { "a_BF.tif", "b_BF.ome.tiff", "c_GFP.tif", "d_BF.png" }) File.WriteAllText(dir.File(name), "");
        Assert.Equal(new[] { "a_BF.tif", "b_BF.ome.tiff" }, SegmentationInputs.Expand([dir.Path], "_BF").Select(Path.GetFileName));
        Assert.Equal(new[] { "c_GFP.tif" }, SegmentationInputs.Expand([dir.Path + "/*.tif"], "GFP").Select(Path.GetFileName));
        Assert.Equal(3, SegmentationInputs.Expand([dir.Path], null).Count);
        Assert.Equal("SegMeasure.UnsupportedInput", Assert.Throws<SegMeasureException>(() => SegmentationInputs.Expand([dir.File("d_BF.png")], null)).ErrorId);
        Assert.Equal("SegMeasure.FileNotFound", Assert.Throws<SegMeasureException>(() => SegmentationInputs.Expand([dir.File("none.tif")], null)).ErrorId);
    }

    [Fact]
    public void Two_inputs_mapping_to_one_output_are_refused_before_anything_is_written()
    {
        using var dir = new TemporaryDirectory();
        Directory.CreateDirectory(dir.File("x"));
        Directory.CreateDirectory(dir.File("y"));
        Directory.CreateDirectory(dir.File("out"));
        File.Copy(Dsb, dir.File("x/s_BF.tif"));
        File.Copy(Dsb, dir.File("y/s_BF.tif"));
        var options = new SegmentationOptions { OutputDirectory = dir.File("out") };
        var error = Assert.Throws<SegMeasureException>(() => BatchSegmentation.Plan([dir.File("x/s_BF.tif"), dir.File("y/s_BF.tif")], options));
        Assert.Equal("SegMeasure.OutputCollision", error.ErrorId);
        Assert.Empty(Directory.GetFiles(dir.File("out")));
        // Beside their inputs they do not collide.
        Assert.Equal(2, BatchSegmentation.Plan([dir.File("x/s_BF.tif"), dir.File("y/s_BF.tif")], options with { OutputDirectory = null }).Count);
    }

    [Fact]
    public void Segments_writes_mask_and_log_and_never_overwrites_without_force()
    {
        using var dir = new TemporaryDirectory();
        File.Copy(Dsb, dir.File("nuclei_BF.tif"));
        var options = new SegmentationOptions { Suffix = "t1" };
        var jobs = BatchSegmentation.Plan(SegmentationInputs.Expand([dir.Path], "_BF"), options);
        var result = Assert.Single(BatchSegmentation.Run(jobs, options));
        Assert.Equal(dir.File("nuclei_BF_vSM-t1.ome.tif"), result.MaskPath);
        var mask = ImageFile.ReadLabels(result.MaskPath);
        var plane = ImageFile.ReadIntensity(Dsb).ChannelAsDouble(0);
        var (expected, _) = ClassicalSegmentation.Segment(plane, 512, 512, options.Classical);
        Assert.Equal(expected, mask.Data);
        Assert.Equal((int)expected.Max(), Assert.Single(result.ObjectsPerFrame));
        var log = File.ReadAllText(result.LogPath);
        Assert.Contains("method: classical", log);
        Assert.Contains($"frame 0: {expected.Max()} objects", log);
        Assert.Contains("diameter: 12", log);

        Assert.IsType<OutputExistsException>(Assert.ThrowsAny<SegMeasureException>(() => BatchSegmentation.Plan([dir.File("nuclei_BF.tif")], options)));
        Assert.Single(BatchSegmentation.Run(BatchSegmentation.Plan([dir.File("nuclei_BF.tif")], options with { Force = true }), options with { Force = true }));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
    }

    [Fact]
    public void Channel_and_Z_range_are_selected_and_projected()
    {
        using var dir = new TemporaryDirectory();
        // 2 channels × 3 sections of 2×2; channel 1 holds z*10 + pixel index.
        var c0 = new ushort[12];
        var c1 = new ushort[12];
        for (int z = 0; z < 3; z++)
            for (int p = 0; p < 4; p++) c1[z * 4 + p] = (ushort)(z * 10 + p);
        var image = new IntensityImage([c0, c1], new ImageShape(3, 2, 2), PixelType.UInt16);
        var warnings = new List<string>();
        var options = new SegmentationOptions { Channel = 1, ZFirst = 1, ZLast = 2 };
        Assert.Equal(new double[] { 20, 21, 22, 23 }, BatchSegmentation.SelectPlane(image, options, warnings, "f.tif"));
        Assert.Equal(new double[] { 15, 16, 17, 18 }, BatchSegmentation.SelectPlane(image, options with { Projection = ProjectionType.Mean }, warnings, "f.tif"));
        Assert.Equal(new double[] { 10, 11, 12, 13 }, BatchSegmentation.SelectPlane(image, options with { ZFirst = null, Projection = ProjectionType.Median }, warnings, "f.tif"));
        Assert.Equal(new double[] { 30, 33, 36, 39 }, BatchSegmentation.SelectPlane(image, options with { ZFirst = 0, Projection = ProjectionType.Sum }, warnings, "f.tif"));
        Assert.Equal(new double[] { 0, 1, 2, 3 }, BatchSegmentation.SelectPlane(image, options with { ZFirst = 0, Projection = ProjectionType.Min }, warnings, "f.tif"));
        Assert.Equal(Math.Sqrt(200.0 / 3), BatchSegmentation.SelectPlane(image, options with { ZFirst = 0, Projection = ProjectionType.Std }, warnings, "f.tif")[0], 12);
        var channelError = Assert.Throws<SegMeasureException>(() => BatchSegmentation.SelectPlane(image, options with { Channel = 2 }, warnings, "f.tif"));
        Assert.Contains("f.tif", channelError.Message);
        Assert.Equal("SegMeasure.InvalidZRange", Assert.Throws<SegMeasureException>(() => BatchSegmentation.SelectPlane(image, options with { ZLast = 3 }, warnings, "f.tif")).ErrorId);
    }

    [Fact]
    public void MicroSam_is_refused_naming_what_is_missing()
    {
        var error = Assert.Throws<SegMeasureException>(() => BatchSegmentation.Plan([], new SegmentationOptions { Method = SegmentationMethod.MicroSam }));
        Assert.Contains("micro_sam", error.Message);
        Assert.Contains("out of scope", error.Message);
    }
}
