using SegMeasure.Core.Images;
using SegMeasure.Core.Segmentation;
using SegMeasure.Core.Tests.Postprocessing;

namespace SegMeasure.Core.Tests.Segmentation;

public class ClassicalSegmentationTests
{
    private static string Folder => Path.Combine(ReferenceCases.RepoRoot(), "tests", "reference", "segmentation", "cases");

    public static IEnumerable<object[]> Cases =>
        Directory.GetFiles(Folder, "classical_*.npz").Select(Path.GetFileNameWithoutExtension).Order().Select(n => new object[] { n! });

    private static (uint[] Labels, double Threshold, NpzArchive Npz) Run(string name)
    {
        var npz = new NpzArchive(Path.Combine(Folder, name + ".npz"));
        var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "manifest.json"))).RootElement;
        var p = manifest.EnumerateArray().First(e => e.GetProperty("name").GetString() == name).GetProperty("params");
        var options = new ClassicalSegmentationOptions
        {
            Sigma = p.GetProperty("sigma").GetDouble(),
            Diameter = p.GetProperty("diameter").GetDouble(),
            MinSize = p.GetProperty("min_size").GetInt32(),
            Threshold = p.TryGetProperty("threshold", out var t) && t.GetString() == "otsu" ? ClassicalThreshold.Otsu : ClassicalThreshold.Local,
            SeedSigma = p.TryGetProperty("seed_sigma", out var seedSigma) ? seedSigma.GetDouble() : new ClassicalSegmentationOptions().SeedSigma,
        };
        var shape = npz.Shape("image");
        var (labels, threshold) = ClassicalSegmentation.Segment(npz.Doubles("image"), shape[0], shape[1], options);
        return (labels, threshold, npz);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Equals_the_scikit_image_pipeline_pixel_for_pixel(string name)
    {
        var (labels, threshold, npz) = Run(name);
        Assert.Equal(npz.Doubles("threshold")[0], threshold);
        var shape = npz.Shape("image");
        ReferenceCases.AssertSameLabels(npz.Labels("expected"), labels, ImageShape.Of2D(shape[0], shape[1]));
    }

    [Theory]
    [InlineData("classical_dsb2018_2d", "real/stardist/dsb2018_mask2d.tif", 0.85)]
    [InlineData("classical_tests_2d", "real/stardist/tests_mask2d.tif", 0.85)]
    public void Finds_real_nuclei_with_the_stated_F1(string name, string truthFile, double atLeast)
    {
        var (labels, _, _) = Run(name);
        var truth = ImageFile.ReadLabels(TestData.Real(truthFile)).Data;
        var f1 = InstanceScore.F1(truth, labels, 0.5);
        var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "manifest.json"))).RootElement;
        var stated = manifest.EnumerateArray().First(e => e.GetProperty("name").GetString() == name).GetProperty("f1_at_iou_0_5").GetDouble();
        Assert.Equal(stated, f1, 4);
        Assert.True(f1 >= atLeast, $"F1 {f1:F3} below {atLeast}");
    }

    [Fact]
    public void The_defaults_are_the_local_threshold_run_on_dsb2018()
    {
        var defaults = new ClassicalSegmentationOptions();
        Assert.Equal(ClassicalThreshold.Local, defaults.Threshold);
        Assert.Equal(37, defaults.LocalBlockSize);
        var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "manifest.json"))).RootElement;
        var p = manifest.EnumerateArray().First(e => e.GetProperty("name").GetString() == "classical_dsb2018_2d").GetProperty("params");
        Assert.Equal((defaults.Sigma, defaults.Diameter, defaults.MinSize), (p.GetProperty("sigma").GetDouble(), p.GetProperty("diameter").GetDouble(), p.GetProperty("min_size").GetInt32()));
        Assert.False(p.TryGetProperty("threshold", out _));
    }

    [Fact]
    public void Hole_filling_keeps_background_that_reaches_the_border_through_4_neighbours()
    {
        // A ring with a hole, and a diagonal gap: background touching the border only by a corner is a hole (scipy's cross structure).
        var picture = new[]
        {
            ".....",
            ".###.",
            ".#.#.",
            ".###.",
            ".....",
            "##...",
            "#.#..",
            ".##..",
        };
        int h = picture.Length, w = picture[0].Length;
        var foreground = picture.SelectMany(row => row.Select(c => c == '#')).ToArray();
        var filled = BinaryHoleFilling.Fill(foreground, h, w);
        Assert.True(filled[2 * w + 2]);
        Assert.True(filled[6 * w + 1]);
        Assert.False(filled[7 * w + 0]);
        Assert.Equal(foreground.Count(f => f) + 2, filled.Count(f => f));
    }

    [Fact]
    public void A_blank_image_gives_no_objects_and_bad_options_are_refused()
    {
        var (labels, _) = ClassicalSegmentation.Segment(new double[20], 4, 5, new ClassicalSegmentationOptions());
        Assert.All(labels, l => Assert.Equal(0u, l));
        Assert.Throws<SegMeasureException>(() => ClassicalSegmentation.Segment(new double[20], 4, 5, new ClassicalSegmentationOptions { Diameter = 0 }));
    }
}
