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

    [Fact]
    public void Finds_the_dsb2018_nuclei_with_the_stated_F1()
    {
        var (labels, _, _) = Run("classical_dsb2018_2d");
        var truth = ImageFile.ReadLabels(TestData.Real("real/stardist/dsb2018_mask2d.tif")).Data;
        var f1 = InstanceScore.F1(truth, labels, 0.5);
        // Stated in tests/reference/segmentation/cases/manifest.json (Otsu's global threshold; the
        // uneven background of this image costs the dim nuclei).
        Assert.InRange(f1, 0.68, 0.69);
    }

    [Fact]
    public void A_blank_image_gives_no_objects_and_bad_options_are_refused()
    {
        var (labels, _) = ClassicalSegmentation.Segment(new double[20], 4, 5, new ClassicalSegmentationOptions());
        Assert.All(labels, l => Assert.Equal(0u, l));
        Assert.Throws<SegMeasureException>(() => ClassicalSegmentation.Segment(new double[20], 4, 5, new ClassicalSegmentationOptions { Diameter = 0 }));
    }
}
