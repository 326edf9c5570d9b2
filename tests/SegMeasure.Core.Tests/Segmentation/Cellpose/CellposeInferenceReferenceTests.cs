using SegMeasure.Core.Images;
using SegMeasure.Core.Segmentation.Cellpose;
using SegMeasure.Core.Tests.Postprocessing;

namespace SegMeasure.Core.Tests.Segmentation.Cellpose;

/// <summary>
/// Tiled ONNX Runtime inference of a network with Cellpose's architecture against torch running
/// Cellpose's own run_net on the same 1024² image (tests/reference/segmentation/make_cellpose_onnx_reference.py).
/// </summary>
public class CellposeInferenceReferenceTests
{
    private static string Folder => Path.Combine(ReferenceCases.RepoRoot(), "tests", "reference", "segmentation", "cases");

    internal static string ModelPath => Path.Combine(Folder, "cellpose_tiny.onnx");

    /// <summary>The stardist DSB2018 512² image mirrored into 1024² (left-right, up-down, both), as the generator builds it.</summary>
    internal static double[] MirroredInput()
    {
        var a = ImageFile.ReadIntensity(TestData.Real("real/stardist/dsb2018_img2d.tif")).ChannelAsDouble(0);
        const int n = 512;
        var result = new double[4 * n * n];
        for (int y = 0; y < 2 * n; y++)
            for (int x = 0; x < 2 * n; x++)
            {
                int sy = y < n ? y : 2 * n - 1 - y, sx = x < n ? x : 2 * n - 1 - x;
                result[y * 2 * n + x] = a[sy * n + sx];
            }

        return result;
    }

    [Fact]
    public void Tiled_inference_of_1024_square_equals_torch_within_1e4()
    {
        var warnings = new List<string>();
        using var model = OnnxCellposeModel.Open(ModelPath, useGpu: false, warnings);
        Assert.Equal(30.0, model.DiameterMean);
        Assert.False(model.WholeTilesOnly);
        var (flows, rescale) = CellposeInference.Predict(MirroredInput(), 1024, 1024, model, new CellposeOptions(), warnings);
        Assert.Equal(1.0, rescale);
        Assert.Empty(warnings);
        var output = new[] { flows.FlowY, flows.FlowX, flows.CellProbability };
        var npz = new NpzArchive(Path.Combine(Folder, "cellpose_tiny_inference.npz"));

        double worst = 0;
        int compared = 0;
        void Compare(string name, int top, int left, int step)
        {
            var shape = npz.Shape(name);
            var expected = npz.Doubles(name);
            for (int c = 0; c < 3; c++)
                for (int y = 0; y < shape[1]; y++)
                    for (int x = 0; x < shape[2]; x++)
                    {
                        double e = expected[(c * shape[1] + y) * shape[2] + x];
                        double a = output[c][(top + y * step) * 1024 + left + x * step];
                        worst = Math.Max(worst, Math.Abs(a - e));
                        compared++;
                    }
        }

        Compare("sample", 0, 0, 7);
        Compare("patch_a", 160, 160, 1);
        Compare("patch_b", 832, 0, 1);
        Assert.True(compared > 100_000);
        Assert.True(worst <= 1e-4, $"largest difference from torch {worst:E2}");
        var sums = npz.Doubles("sums");
        for (int c = 0; c < 3; c++)
        {
            double mean = output[c].Sum(v => (double)v) / output[c].Length;
            Assert.True(Math.Abs(mean - sums[c] / output[c].Length) <= 1e-5, $"channel {c}: mean {mean} vs torch {sums[c] / output[c].Length}");
        }
    }

    [Fact]
    public void Taper_and_tile_starts_are_cellposes()
    {
        // 1024 + padding (16-multiple plus 8 each side) = 1040: ceil(1.2 · 1040 / 224) = 6 tiles per axis.
        var tiling = new CellposeTiling(1024, 1024);
        Assert.Equal(1040, tiling.PaddedHeight);
        Assert.Equal(new[] { 0, 163, 326, 489, 652, 816 }, tiling.YStarts);
        var taper = CellposeTiling.Taper();
        Assert.Equal(1 / (1 + Math.Exp((111.5 - 92) / 7.5)) * 1 / (1 + Math.Exp((111.5 - 92) / 7.5)), taper[0], 12);
    }

    [Fact]
    public void A_side_shorter_than_a_tile_is_one_tile_of_its_own_length_with_the_middle_of_the_taper()
    {
        // 150 rows pad to 176, 400 columns to 416: one row of three 176 × 224 tiles (transforms.make_tiles).
        var tiling = new CellposeTiling(150, 400);
        Assert.Equal((176, 224), (tiling.TileHeight, tiling.TileWidth));
        Assert.Equal(new[] { 0 }, tiling.YStarts);
        Assert.Equal(new[] { 0, 96, 192 }, tiling.XStarts);
        Assert.False(tiling.PaddedToWholeTile);
        // _taper_mask(ly=176, lx=224): rows 112 − 88 … 112 + 88 of the 224-pixel profile.
        var whole = CellposeTiling.Taper();
        var middle = CellposeTiling.Taper(176, 224);
        Assert.Equal(whole[24 * 224 + 5], middle[5]);
        Assert.Equal(whole[(24 + 175) * 224 + 223], middle[175 * 224 + 223]);

        var padded = new CellposeTiling(150, 400, wholeTilesOnly: true);
        Assert.True(padded.PaddedToWholeTile);
        Assert.Equal((224, 224, 224), (padded.TileHeight, padded.TileWidth, padded.PaddedHeight));
    }

    [Theory]
    [InlineData("wide")]
    [InlineData("square")]
    public void Images_smaller_than_a_tile_equal_cellposes_smaller_tiles_within_1e4(string crop)
    {
        var npz = new NpzArchive(Path.Combine(Folder, "cellpose_tiny_small.npz"));
        var at = npz.Doubles(crop + "_at").Select(v => (int)v).ToArray();
        int top = at[0], left = at[1], height = at[2], width = at[3];
        var image = ImageFile.ReadIntensity(TestData.Real("real/stardist/dsb2018_img2d.tif")).ChannelAsDouble(0);
        var plane = new double[height * width];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++) plane[y * width + x] = image[(top + y) * 512 + left + x];

        var warnings = new List<string>();
        using var model = OnnxCellposeModel.Open(ModelPath, useGpu: false, warnings);
        var (flows, _) = CellposeInference.Predict(plane, height, width, model, new CellposeOptions(), warnings);
        Assert.Empty(warnings);
        var output = new[] { flows.FlowY, flows.FlowX, flows.CellProbability };
        var expected = npz.Doubles(crop);
        Assert.Equal(3 * height * width, expected.Length);
        double worst = 0;
        for (int c = 0; c < 3; c++)
            for (int i = 0; i < height * width; i++) worst = Math.Max(worst, Math.Abs(output[c][i] - expected[c * height * width + i]));
        Assert.True(worst <= 1e-4, $"largest difference from Cellpose {worst:E2}");
    }

    [Fact]
    public void A_model_fixed_at_224_pads_a_small_image_to_a_whole_tile_and_says_so()
    {
        var warnings = new List<string>();
        using var model = OnnxCellposeModel.Open(Path.Combine(Folder, "cellpose_no_diam_mean.onnx"), useGpu: false, warnings);
        Assert.True(model.WholeTilesOnly);
        var plane = Enumerable.Range(0, 90 * 120).Select(i => (double)(i % 97)).ToArray();
        var (flows, _) = CellposeInference.Predict(plane, 90, 120, model, new CellposeOptions(), warnings);
        Assert.Equal(90 * 120, flows.CellProbability.Length);
        var warning = Assert.Single(warnings);
        Assert.Contains("cellpose_no_diam_mean.onnx", warning);
        Assert.Contains("90 × 120", warning);
    }
}

/// <summary>The rescaled pipeline (diameter 40 against diam_mean 30) against Cellpose's run_net(rsz=0.75) and its resize back, run by torch with OpenCV's resize.</summary>
public class CellposeRescaledInferenceReferenceTests
{
    [Fact]
    public void Rescaled_inference_equals_cellposes_within_1e4()
    {
        var folder = Path.Combine(ReferenceCases.RepoRoot(), "tests", "reference", "segmentation", "cases");
        var warnings = new List<string>();
        using var model = OnnxCellposeModel.Open(CellposeInferenceReferenceTests.ModelPath, useGpu: false, warnings);
        var image = ImageFile.ReadIntensity(TestData.Real("real/stardist/dsb2018_img2d.tif")).ChannelAsDouble(0);
        var (flows, rescale) = CellposeInference.Predict(image, 512, 512, model, new CellposeOptions { Diameter = 40 }, warnings);
        var npz = new NpzArchive(Path.Combine(folder, "cellpose_tiny_rescaled.npz"));
        Assert.Equal(npz.Doubles("rescale")[0], rescale);
        var output = new[] { flows.FlowY, flows.FlowX, flows.CellProbability };
        var shape = npz.Shape("sample");
        var expected = npz.Doubles("sample");
        double worst = 0;
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < shape[1]; y++)
                for (int x = 0; x < shape[2]; x++)
                    worst = Math.Max(worst, Math.Abs(output[c][y * 5 * 512 + x * 5] - expected[(c * shape[1] + y) * shape[2] + x]));
        Assert.True(worst <= 1e-4, $"largest difference from Cellpose {worst:E2}");
        var sums = npz.Doubles("sums");
        for (int c = 0; c < 3; c++)
            Assert.True(Math.Abs(output[c].Sum(v => (double)v) / output[c].Length - sums[c] / output[c].Length) <= 1e-5, $"channel {c} mean");
    }
}

public class OnnxRuntimeErrorLineTests
{
    [Fact]
    public void The_reason_of_a_missing_cuda_library_is_taken_from_onnx_runtimes_error_line()
    {
        // The line ONNX Runtime 1.32's GPU package logs where CUDA 13 is not installed.
        const string line = "/onnxruntime_src/onnxruntime/core/session/provider_bridge_ort.cc:2059 onnxruntime::Provider& onnxruntime::ProviderLibrary::Get() " +
            "[ONNXRuntimeError] : 1 : FAIL : Failed to load library /opt/m/libonnxruntime_providers_cuda.so with error: libcublasLt.so.13: cannot open shared object file: No such file or directory\n";
        Assert.Equal("Failed to load library /opt/m/libonnxruntime_providers_cuda.so with error: libcublasLt.so.13: cannot open shared object file: No such file or directory",
            OnnxCellposeModel.ReasonOf(line));
        Assert.Null(OnnxCellposeModel.ReasonOf("some other line"));
        Assert.Null(OnnxCellposeModel.ReasonOf(null));
    }
}
