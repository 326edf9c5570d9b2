using SegMeasure.Core.Images;

namespace SegMeasure.Cli.Tests.Commands;

public sealed class SegmentCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("segmeasure-segment-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string RepoRoot() => TestRepository.Root;

    private static readonly string Nuclei = Path.Combine(RepoRoot(), "tests", "data", "real", "stardist", "dsb2018_img2d.tif");

    [Fact]
    public void Segments_a_folder_into_masks_and_logs_and_refuses_to_overwrite()
    {
        File.Copy(Nuclei, Path.Combine(_dir, "a_BF.tif"));
        File.Copy(Nuclei, Path.Combine(_dir, "a_GFP.tif"));
        var run = CliRun.App("segment", "--input", _dir, "--name-filter", "_BF", "--suffix", "x1", "--method", "classical");
        Assert.True(run.ExitCode == 0, run.Error);
        var mask = Path.Combine(_dir, "a_BF_vSM-x1.ome.tif");
        Assert.Contains(mask, run.Output);
        Assert.True(ImageFile.ReadLabels(mask).MaxLabel() > 50);
        Assert.True(File.Exists(Path.Combine(_dir, "a_BF_vSM-x1.log")));
        Assert.False(File.Exists(Path.Combine(_dir, "a_GFP_vSM-x1.ome.tif")));

        var again = CliRun.App("segment", "--input", _dir, "--name-filter", "_BF", "--suffix", "x1");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("a_BF_vSM-x1", again.Error);
        Assert.Equal(0, CliRun.App("segment", "--input", _dir, "--name-filter", "_BF", "--suffix", "x1", "--force").ExitCode);
    }

    [Fact]
    public void Threshold_chooses_the_local_or_the_global_foreground_and_the_log_says_which()
    {
        File.Copy(Nuclei, Path.Combine(_dir, "n.tif"));
        Assert.Equal(0, CliRun.App("segment", "--input", Path.Combine(_dir, "n.tif"), "--suffix", "local").ExitCode);
        var run = CliRun.App("segment", "--input", Path.Combine(_dir, "n.tif"), "--suffix", "otsu", "--threshold", "otsu");
        Assert.True(run.ExitCode == 0, run.Error);
        var local = ImageFile.ReadLabels(Path.Combine(_dir, "n_vSM-local.ome.tif"));
        var otsu = ImageFile.ReadLabels(Path.Combine(_dir, "n_vSM-otsu.ome.tif"));
        // The local threshold keeps the dim nuclei Otsu's global threshold drops.
        Assert.True(local.Data.Count(v => v != 0) > otsu.Data.Count(v => v != 0));
        Assert.Contains("threshold: local (block 37 px", File.ReadAllText(Path.Combine(_dir, "n_vSM-local.log")));
        Assert.Contains("threshold: otsu", File.ReadAllText(Path.Combine(_dir, "n_vSM-otsu.log")));
        Assert.NotEqual(0, CliRun.App("segment", "--input", Path.Combine(_dir, "n.tif"), "--suffix", "x", "--threshold", "mean").ExitCode);
    }

    [Fact]
    public void Bad_suffix_z_range_and_micro_sam_are_one_line_errors()
    {
        File.Copy(Nuclei, Path.Combine(_dir, "a.tif"));
        var input = Path.Combine(_dir, "a.tif");
        Assert.Contains("a-z, A-Z, 0-9", CliRun.App("segment", "--input", input, "--suffix", "a_b").Error);
        Assert.Contains("--z-range", CliRun.App("segment", "--input", input, "--z-range", "x").Error);
        var sam = CliRun.App("segment", "--input", input, "--method", "microsam");
        Assert.Equal(1, sam.ExitCode);
        Assert.Contains("micro_sam", sam.Error);
        Assert.Empty(Directory.GetFiles(_dir, "*_vSM*"));
    }

    private static string Model(string name) => Path.Combine(RepoRoot(), "tests", "reference", "segmentation", "cases", name);

    [Fact]
    public void Cellpose_saves_flows_and_recomputes_masks_from_them_with_other_thresholds()
    {
        var input = Path.Combine(_dir, "a_BF.tif");
        File.Copy(Path.Combine(RepoRoot(), "tests", "data", "real", "segmentation-measurement-tool", "nuclei.tif"), input);
        var run = CliRun.App("segment", "--input", input, "--method", "cellpose", "--model", Model("cellpose_tiny.onnx"),
            "--cellprob-threshold", "-3", "--flow-threshold", "0", "--min-size", "5", "--save-flows");
        Assert.True(run.ExitCode == 0, run.Error);
        var flows = Path.Combine(_dir, "a_BF_vSM_flows.tif");
        var log = File.ReadAllLines(Path.Combine(_dir, "a_BF_vSM.log"));
        Assert.Contains("method: cellpose", log);
        Assert.Contains("cellprob_threshold: -3", log);
        Assert.Contains("min_size: 5", log);
        Assert.Contains(log, l => l.StartsWith("model_sha256: ", StringComparison.Ordinal) && l.Length == "model_sha256: ".Length + 64);
        var direct = ImageFile.ReadLabels(Path.Combine(_dir, "a_BF_vSM.ome.tif")).Data;

        var same = CliRun.App("segment", "--flows", flows, "--suffix", "same", "--cellprob-threshold", "-3", "--flow-threshold", "0", "--min-size", "5");
        Assert.True(same.ExitCode == 0, same.Error);
        Assert.Equal(direct, ImageFile.ReadLabels(Path.Combine(_dir, "a_BF_vSM_flows_vSM-same.ome.tif")).Data);

        // A higher threshold lets fewer pixels follow the flows: the masks cover less.
        var strict = CliRun.App("segment", "--flows", flows, "--suffix", "strict", "--cellprob-threshold", "0", "--flow-threshold", "0", "--min-size", "5");
        Assert.True(strict.ExitCode == 0, strict.Error);
        var fewer = ImageFile.ReadLabels(Path.Combine(_dir, "a_BF_vSM_flows_vSM-strict.ome.tif")).Data;
        Assert.True(fewer.Count(l => l != 0) < direct.Count(l => l != 0));

        // --niter: the log's number gives the same masks; one Euler step leaves the pixels where they
        // started, so no end points gather and the masks differ.
        Assert.Contains("niter: 200", log);
        var sameSteps = CliRun.App("segment", "--flows", flows, "--suffix", "n200", "--cellprob-threshold", "-3", "--flow-threshold", "0", "--min-size", "5", "--niter", "200");
        Assert.True(sameSteps.ExitCode == 0, sameSteps.Error);
        Assert.Equal(direct, ImageFile.ReadLabels(Path.Combine(_dir, "a_BF_vSM_flows_vSM-n200.ome.tif")).Data);
        var oneStep = CliRun.App("segment", "--flows", flows, "--suffix", "n1", "--cellprob-threshold", "-3", "--flow-threshold", "0", "--min-size", "5", "--niter", "1");
        Assert.True(oneStep.ExitCode == 0, oneStep.Error);
        Assert.Contains("niter: 1", File.ReadAllLines(Path.Combine(_dir, "a_BF_vSM_flows_vSM-n1.log")));
        Assert.NotEqual(direct, ImageFile.ReadLabels(Path.Combine(_dir, "a_BF_vSM_flows_vSM-n1.ome.tif")).Data);
    }

    [Fact]
    public void Cellpose_estimates_the_diameter_with_a_size_model_when_none_is_given()
    {
        var input = Path.Combine(_dir, "a_BF.tif");
        File.Copy(Path.Combine(RepoRoot(), "tests", "data", "real", "segmentation-measurement-tool", "nuclei.tif"), input);
        var size = Path.Combine(_dir, "size.json");
        // A = 0: the style step gives diam_mean · e^ymean = 45.
        File.WriteAllText(size, $"{{\"A\": [{string.Join(",", Enumerable.Repeat("0", 64))}], \"smean\": [{string.Join(",", Enumerable.Repeat("0", 64))}], " +
            $"\"ymean\": {Math.Log(1.5).ToString("R", System.Globalization.CultureInfo.InvariantCulture)}, \"diam_mean\": 30}}");
        var run = CliRun.App("segment", "--input", input, "--method", "cellpose", "--model", Model("cellpose_tiny.onnx"), "--size-model", size,
            "--cellprob-threshold", "-3", "--flow-threshold", "0");
        Assert.True(run.ExitCode == 0, run.Error);
        var log = File.ReadAllLines(Path.Combine(_dir, "a_BF_vSM.log"));
        var fromStyle = log.Single(l => l.StartsWith("diameter_from_style: ", StringComparison.Ordinal))["diameter_from_style: ".Length..];
        Assert.Equal(45.0, double.Parse(fromStyle, System.Globalization.CultureInfo.InvariantCulture), 9);
        Assert.Contains(log, l => l.StartsWith("diameter_estimated: ", StringComparison.Ordinal));

        var bad = CliRun.App("segment", "--input", input, "--suffix", "x", "--method", "cellpose", "--model", Model("cellpose_tiny.onnx"), "--size-model", input);
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains(input, bad.Error);
    }

    [Fact]
    public void Cellpose_errors_name_the_model_or_flows_file()
    {
        var input = Path.Combine(_dir, "a.tif");
        File.Copy(Nuclei, input);
        var missing = CliRun.App("segment", "--input", input, "--method", "cellpose", "--model", Path.Combine(_dir, "none.onnx"));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("none.onnx", missing.Error);
        var shape = CliRun.App("segment", "--input", input, "--method", "cellpose", "--model", Model("cellpose_wrong_shape.onnx"));
        Assert.Contains("cellpose_wrong_shape.onnx", shape.Error);
        Assert.Contains("[N, 2, H, W]", shape.Error);
        var noDiam = CliRun.App("segment", "--input", input, "--method", "cellpose", "--model", Model("cellpose_no_diam_mean.onnx"), "--diameter", "20");
        Assert.Contains("diam_mean", noDiam.Error);
        var flows = CliRun.App("segment", "--flows", input);
        Assert.Equal(1, flows.ExitCode);
        Assert.Contains("not a flows file", flows.Error);
        Assert.Contains("either --input", CliRun.App("segment", "--input", input, "--flows", input).Error);
        Assert.Empty(Directory.GetFiles(_dir, "*_vSM*"));
    }

    [Fact]
    public void Use_gpu_without_cuda_warns_and_runs_on_the_cpu()
    {
        var input = Path.Combine(_dir, "a.tif");
        File.Copy(Nuclei, input);
        var run = CliRun.App("segment", "--input", input, "--method", "cellpose", "--model", Model("cellpose_tiny.onnx"), "--use-gpu");
        Assert.True(run.ExitCode == 0, run.Error);
        var provider = File.ReadAllLines(Path.Combine(_dir, "a_vSM.log")).Single(l => l.StartsWith("execution_provider: ", StringComparison.Ordinal));
        if (provider.EndsWith("cuda", StringComparison.Ordinal)) return;
        Assert.Contains("running on the CPU", run.Error);
    }
}
