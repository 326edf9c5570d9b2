using System.Security.Cryptography;
using SegMeasure.Core.Images;
using SegMeasure.Core.Segmentation;
using SegMeasure.Core.Segmentation.Cellpose;
using SegMeasure.Core.Tests.Postprocessing;

namespace SegMeasure.Core.Tests.Segmentation.Cellpose;

/// <summary>The Cellpose method through the batch: logs, saved flows, masks from saved flows, and the errors that name the file.</summary>
public sealed class CellposeBatchTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("segmeasure-cellpose-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Model(string name) => Path.Combine(ReferenceCases.RepoRoot(), "tests", "reference", "segmentation", "cases", name);

    private string Input()
    {
        var path = Path.Combine(_dir, "a_BF.tif");
        File.Copy(TestData.Real("real/segmentation-measurement-tool/nuclei.tif"), path, overwrite: true);
        return path;
    }

    private static SegmentationResult RunOne(string input, SegmentationOptions options) =>
        BatchSegmentation.Run(BatchSegmentation.Plan([input], options), options).Single();

    [Fact]
    public void Logs_the_model_and_its_hash_and_saved_flows_give_the_same_masks_again()
    {
        var input = Input();
        var options = new SegmentationOptions
        {
            Method = SegmentationMethod.Cellpose,
            ModelPath = Model("cellpose_tiny.onnx"),
            Cellpose = new CellposeOptions { SaveFlows = true, Masks = new CellposeMaskOptions { CellProbabilityThreshold = -3.0, FlowThreshold = 0 } },
        };
        var result = RunOne(input, options);
        var log = File.ReadAllLines(result.LogPath);
        var sha = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(options.ModelPath!))).ToLowerInvariant();
        Assert.Contains($"model: {options.ModelPath}", log);
        Assert.Contains($"model_sha256: {sha}", log);
        Assert.Contains("execution_provider: cpu", log);
        Assert.Contains("niter: 200", log);
        var flowsPath = Path.Combine(_dir, "a_BF_vSM_flows.tif");
        Assert.Contains($"flows_saved: {flowsPath}", log);
        var flows = ImageFile.ReadIntensity(flowsPath);
        Assert.Equal(3, flows.ChannelCount);
        Assert.Equal(PixelType.Float32, flows.PixelType);

        var direct = ImageFile.ReadLabels(result.MaskPath).Data;
        var again = new SegmentationOptions
        {
            Method = SegmentationMethod.Cellpose,
            FromFlows = true,
            OutputDirectory = Directory.CreateDirectory(Path.Combine(_dir, "again")).FullName,
            Cellpose = options.Cellpose with { SaveFlows = false },
        };
        var recomputed = RunOne(flowsPath, again);
        Assert.Equal(direct, ImageFile.ReadLabels(recomputed.MaskPath).Data);
        Assert.Contains($"flows: {flowsPath}", File.ReadAllLines(recomputed.LogPath));
    }

    [Fact]
    public void A_diameter_rescales_by_diam_mean_and_scales_the_steps()
    {
        var options = new SegmentationOptions
        {
            Method = SegmentationMethod.Cellpose,
            ModelPath = Model("cellpose_tiny.onnx"),
            Cellpose = new CellposeOptions { Diameter = 60 },
        };
        var result = RunOne(Input(), options);
        var log = File.ReadAllLines(result.LogPath);
        Assert.Contains("rescale: 0.5", log);
        Assert.Contains("niter: 400", log);
        Assert.Equal(256, ImageFile.ReadLabels(result.MaskPath).Shape.Width);
    }

    [Fact]
    public void Errors_name_the_file_before_anything_is_written()
    {
        var input = Input();
        SegMeasureException Refused(SegmentationOptions options) =>
            Assert.Throws<SegMeasureException>(() => BatchSegmentation.Plan([input], options));

        var missing = Path.Combine(_dir, "none.onnx");
        var e = Refused(new SegmentationOptions { Method = SegmentationMethod.Cellpose, ModelPath = missing });
        Assert.Equal("SegMeasure.FileNotFound", e.ErrorId);
        Assert.Contains(missing, e.Message);

        e = Refused(new SegmentationOptions { Method = SegmentationMethod.Cellpose, ModelPath = Model("cellpose_wrong_shape.onnx") });
        Assert.Equal("SegMeasure.ModelShape", e.ErrorId);
        Assert.Contains("cellpose_wrong_shape.onnx", e.Message);

        e = Refused(new SegmentationOptions { Method = SegmentationMethod.Cellpose, ModelPath = Model("cellpose_no_diam_mean.onnx"), Cellpose = new CellposeOptions { Diameter = 20 } });
        Assert.Equal("SegMeasure.ModelMetadata", e.ErrorId);
        Assert.Contains("cellpose_no_diam_mean.onnx", e.Message);

        var notOnnx = Path.Combine(_dir, "text.onnx");
        File.WriteAllText(notOnnx, "not a model");
        e = Refused(new SegmentationOptions { Method = SegmentationMethod.Cellpose, ModelPath = notOnnx });
        Assert.Equal("SegMeasure.ModelFormat", e.ErrorId);
        Assert.Contains(notOnnx, e.Message);
        Assert.Empty(Directory.GetFiles(_dir, "*_vSM*"));

        // Without a diameter the model's diam_mean is not needed.
        var plain = RunOne(input, new SegmentationOptions { Method = SegmentationMethod.Cellpose, ModelPath = Model("cellpose_no_diam_mean.onnx") });
        Assert.Contains("model_diam_mean: none", File.ReadAllLines(plain.LogPath));

        // A raw image is not a flows file.
        var flowsOptions = new SegmentationOptions { Method = SegmentationMethod.Cellpose, FromFlows = true, OutputDirectory = Directory.CreateDirectory(Path.Combine(_dir, "f")).FullName };
        e = Assert.Throws<SegMeasureException>(() => BatchSegmentation.Segment(BatchSegmentation.Plan([input], flowsOptions).Single(), flowsOptions));
        Assert.Equal("SegMeasure.FlowsShape", e.ErrorId);
        Assert.Contains(input, e.Message);
    }

    [Fact]
    public void The_gpu_request_falls_back_to_the_cpu_with_a_warning_when_cuda_is_not_usable()
    {
        var warnings = new List<string>();
        using var model = OnnxCellposeModel.Open(Model("cellpose_tiny.onnx"), useGpu: true, warnings);
        if (model.Provider == "cuda") return; // a machine with a working CUDA provider
        Assert.Equal("cpu", model.Provider);
        Assert.Contains(warnings, w => w.Contains("CPU"));
    }
}
