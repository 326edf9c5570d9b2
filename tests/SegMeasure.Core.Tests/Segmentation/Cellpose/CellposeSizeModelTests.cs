using System.Globalization;
using System.Text.Json;
using SegMeasure.Core.Images;
using SegMeasure.Core.Segmentation;
using SegMeasure.Core.Segmentation.Cellpose;
using SegMeasure.Core.Tests.Postprocessing;

namespace SegMeasure.Core.Tests.Segmentation.Cellpose;

/// <summary>Diameter estimation with Cellpose's size model: the regression, the masks' median diameter, and the two-step run.</summary>
public sealed class CellposeSizeModelTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("segmeasure-sizemodel-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Model(string name) => Path.Combine(ReferenceCases.RepoRoot(), "tests", "reference", "segmentation", "cases", name);

    private string SizeModel(double[] a, double[] smean, double ymean, double diamMean, string name = "size.json")
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, JsonSerializer.Serialize(new Dictionary<string, object> { ["A"] = a, ["smean"] = smean, ["ymean"] = ymean, ["diam_mean"] = diamMean }));
        return path;
    }

    [Fact]
    public void The_regression_and_the_median_diameter_agree_with_numpy()
    {
        var rng = new Random(3);
        double[] a = Enumerable.Range(0, 8).Select(_ => rng.NextDouble() - 0.5).ToArray();
        double[] smean = Enumerable.Range(0, 8).Select(_ => rng.NextDouble() * 0.1).ToArray();
        float[] style = Enumerable.Range(0, 8).Select(_ => (float)(rng.NextDouble() * 0.5)).ToArray();
        var model = CellposeSizeModel.Load(SizeModel(a, smean, 0.3, 30));
        var labelsPath = TestData.Real("real/segmentation-measurement-tool/nucleus-seg.tif");
        double fromStyle = model.FromStyle(style);
        double fromMasks = model.FromMasks(ImageFile.ReadLabels(labelsPath).Data);

        // A tiny style regression gives less than 5 pixels: Cellpose's floor.
        Assert.Equal(5.0, CellposeSizeModel.Load(SizeModel(a, smean, -10, 30, "tiny.json")).FromStyle(style));
        Assert.Equal(30.0, model.FromMasks(new uint[100]));

        if (!ExternalTools.HasTifffile) return;
        string Join(IEnumerable<double> v) => string.Join(",", v.Select(x => x.ToString("R", CultureInfo.InvariantCulture)));
        var script = $$"""
            import sys, numpy as np, tifffile
            A = np.array([{{Join(a)}}]); smean = np.array([{{Join(smean)}}]); style = np.array([{{Join(style.Select(s => (double)s))}}], dtype=np.float32)
            szest = np.maximum(5., np.exp(A @ (style - smean).T + np.log(30.0) + 0.3))
            masks = tifffile.imread(sys.argv[1])
            uniq, counts = np.unique(masks.astype('int32'), return_counts=True)
            md = np.median(counts[1:] ** 0.5) / ((np.pi ** 0.5) / 2)
            print(repr(float(szest)), repr(float(md)))
            """;
        var (code, output, error) = ExternalTools.Run(ExternalTools.DebianPython, ["-c", script, labelsPath]);
        Assert.True(code == 0, error);
        var expected = output.Trim().Split(' ').Select(t => double.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(expected[0], fromStyle, 12);
        Assert.Equal(expected[1], fromMasks, 12);
    }

    [Fact]
    public void The_image_style_is_cellposes_own()
    {
        // cases/cellpose_tiny_style.npz: core.run_net's style of the DSB2018 image with the same network in torch.
        var expected = new NpzArchive(Model("cellpose_tiny_style.npz")).Doubles("style");
        var image = ImageFile.ReadIntensity(TestData.Real("real/stardist/dsb2018_img2d.tif"));
        using var model = OnnxCellposeModel.Open(Model("cellpose_tiny.onnx"), useGpu: false, new List<string>());
        var style = CellposeInference.Style(image.ChannelAsDouble(0), image.Shape.Height, image.Shape.Width, model, new CellposeOptions(), new List<string>());
        Assert.Equal(expected.Length, style.Length);
        for (int i = 0; i < style.Length; i++) Assert.True(Math.Abs(expected[i] - style[i]) < 1e-5, $"style[{i}]: {style[i]} against Cellpose's {expected[i]}");
        Assert.Equal(1.0, Math.Sqrt(style.Sum(v => (double)v * v)), 5);
    }

    [Fact]
    public void Without_a_diameter_the_run_estimates_it_in_two_steps_and_segments_at_the_estimate()
    {
        var input = Path.Combine(_dir, "a_BF.tif");
        File.Copy(TestData.Real("real/segmentation-measurement-tool/nuclei.tif"), input);
        // A = 0: the style step gives diam_mean · e^ymean = 20 whatever the style.
        var size = SizeModel(new double[64], new double[64], Math.Log(20.0 / 30.0), 30);
        var masks = new CellposeMaskOptions { CellProbabilityThreshold = -3.0, FlowThreshold = 0 };
        var options = new SegmentationOptions
        {
            Method = SegmentationMethod.Cellpose,
            ModelPath = Model("cellpose_tiny.onnx"),
            Cellpose = new CellposeOptions { SizeModelPath = size, Masks = masks },
        };
        var result = BatchSegmentation.Run(BatchSegmentation.Plan([input], options), options).Single();
        var log = File.ReadAllLines(result.LogPath);
        double Value(string key) => double.Parse(log.Single(l => l.StartsWith(key + ": ", StringComparison.Ordinal))[(key.Length + 2)..], CultureInfo.InvariantCulture);
        Assert.Equal(20.0, Value("diameter_from_style"), 9);
        double estimated = Value("diameter_estimated");
        Assert.Equal(estimated, Value("diameter"));

        // The final masks are a run at the estimated diameter.
        var again = options with { Suffix = "fixed", Cellpose = new CellposeOptions { Diameter = estimated, Masks = masks } };
        var fixedRun = BatchSegmentation.Run(BatchSegmentation.Plan([input], again), again).Single();
        Assert.Equal(ImageFile.ReadLabels(fixedRun.MaskPath).Data, ImageFile.ReadLabels(result.MaskPath).Data);
    }

    [Fact]
    public void A_bad_size_model_or_a_model_without_style_is_refused_before_any_image_is_read()
    {
        var input = Path.Combine(_dir, "a.tif");
        File.Copy(TestData.Real("real/segmentation-measurement-tool/nuclei.tif"), input);
        SegMeasureException Plan(string model, string sizeModel) => Assert.Throws<SegMeasureException>(() => BatchSegmentation.Plan([input], new SegmentationOptions
        {
            Method = SegmentationMethod.Cellpose,
            ModelPath = Model(model),
            Cellpose = new CellposeOptions { SizeModelPath = sizeModel },
        }));

        var broken = Path.Combine(_dir, "broken.json");
        File.WriteAllText(broken, "{\"A\": [1, 2], \"smean\": [0]}");
        var e = Plan("cellpose_tiny.onnx", broken);
        Assert.Equal("SegMeasure.ModelFormat", e.ErrorId);
        Assert.Contains(broken, e.Message);

        var missing = Plan("cellpose_tiny.onnx", Path.Combine(_dir, "none.json"));
        Assert.Equal("SegMeasure.FileNotFound", missing.ErrorId);

        var noStyle = Plan("cellpose_no_diam_mean.onnx", SizeModel(new double[64], new double[64], 0, 30));
        Assert.Contains("style", noStyle.Message);
    }
}
