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
        var (flows, rescale) = CellposeInference.Predict(MirroredInput(), 1024, 1024, model, new CellposeOptions());
        Assert.Equal(1.0, rescale);
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
}
