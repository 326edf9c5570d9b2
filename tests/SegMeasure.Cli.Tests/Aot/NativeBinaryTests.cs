using System.Diagnostics;
using SegMeasure.Core.Tables;

namespace SegMeasure.Cli.Tests.Aot;

/// <summary>
/// The documented subset run against the native AOT binary: start-up, a measurement sweep,
/// every table format, JSON output, manifests, cluster scripts and plots give what the JIT
/// build (run in-process) gives. Native AOT drops code it cannot see used, so each area that
/// uses reflection-heavy libraries (OpenXml, Parquet, Skia) is exercised once.
/// </summary>
public sealed class NativeBinaryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("segmeasure-aot-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Repo() => TestRepository.Root;

    private static string Data(string name) => Path.Combine(Repo(), "examples", "data", name);

    private string Out(string name) => Path.Combine(_dir, name);

    private CliRun Native(params string[] args)
    {
        Assert.True(File.Exists(AotFactAttribute.Binary), $"{AotFactAttribute.Binary}: the native binary is missing");
        var start = new ProcessStartInfo(AotFactAttribute.Binary) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _dir };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new CliRun(process.ExitCode, output, error.Result);
    }

    [AotFact]
    public void Version_starts_natively_and_prints_the_version()
    {
        var clock = Stopwatch.StartNew();
        var run = Native("--version");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(SegMeasureApp.Version, run.Output.Trim());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed.TotalMilliseconds:F0} ms");
    }

    [AotFact]
    public void Measurement_sweeps_give_the_JIT_builds_tables()
    {
        foreach (var (command, extra) in new[]
                 {
                     ("morphology", new[] { "--segmentation", Data("*-seg.tif") }),
                     ("intensities", new[] { "--segmentation", Data("membrane-seg.tif"), "--intensity", Data("membrane.tif") }),
                     ("cell-nucleus", new[] { "--cell-segmentation", Data("membrane-seg.tif"), "--nucleus-segmentation", Data("nucleus-seg.tif"), "--intensity", Data("membrane.tif") }),
                 })
        {
            var native = Native(["measure", command, .. extra, "--output", Out($"{command}-native.csv")]);
            Assert.True(native.ExitCode == 0, native.Error);
            Assert.Equal(0, CliRun.App(["measure", command, .. extra, "--output", Out($"{command}-jit.csv")]).ExitCode);
            Assert.Equal(File.ReadAllText(Out($"{command}-jit.csv")), File.ReadAllText(Out($"{command}-native.csv")));
        }
    }

    [AotFact]
    public void Every_table_format_is_written_and_read()
    {
        Assert.Equal(0, Native("measure", "morphology", "--segmentation", Data("*-seg.tif"), "--output", "t.parquet").ExitCode);
        foreach (var format in new[] { "xlsx", "tsv", "csv" })
        {
            var run = Native("table", "concat", "--inputs", "t.parquet", "--output", $"t.{format}");
            Assert.True(run.ExitCode == 0, run.Error);
        }

        var merged = Native("table", "merge", "--inputs", "t.xlsx", "--output", "from-xlsx.csv");
        Assert.True(merged.ExitCode == 0, merged.Error);
        Assert.Equal(File.ReadAllText(Out("t.csv")), File.ReadAllText(Out("from-xlsx.csv")));
        Assert.Equal(ColumnKind.Integer, TableFile.Read(Out("t.parquet"))["index"].Kind);
    }

    [AotFact]
    public void Info_json_equals_the_JIT_builds()
    {
        var native = Native("info", "--json", Data("membrane-seg.tif"));
        Assert.True(native.ExitCode == 0, native.Error);
        Assert.Equal(CliRun.App("info", "--json", Data("membrane-seg.tif")).Output, native.Output);
    }

    [AotFact]
    public void A_manifest_sweep_and_its_status_log_work()
    {
        File.WriteAllText(Out("manifest.json"), $$"""[{"segmentation": "{{Data("membrane-seg.tif")}}", "intensity_image": "{{Data("membrane.tif")}}", "well": "A01"}]""");
        var run = Native("measure", "intensities", "--manifest", "manifest.json", "--output", "m.csv", "--status-log", "status.jsonl", "--skip-existing");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.StartsWith("segmentation,well,index,", File.ReadAllText(Out("m.csv")));
        Assert.Contains("\"status\":\"done\"", File.ReadAllText(Out("status.jsonl")));
    }

    [AotFact]
    public void Cluster_scripts_start_the_native_binary_itself()
    {
        var run = Native("cluster", "submit", "slurm", "--dry-run", "--", "measure", "morphology", "--segmentation", "plate/*.tif", "--output", "plate.csv");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains(AotFactAttribute.Binary + " measure morphology", run.Output);
    }

    [AotFact]
    public void Plots_are_drawn()
    {
        var run = Native("analyze", "coloc-diagnostics", "ccf", "--image-a", Data("membrane.tif"), "--image-b", Data("nuclei.tif"), "--output", "ccf.csv", "--plot", "ccf.png", "--max-shift", "3");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(Out("ccf.png")).Take(4));
    }

    [AotFact]
    public void Cellpose_runs_onnx_runtime_natively_with_the_masks_of_the_jit_build()
    {
        var model = Path.Combine(Repo(), "tests", "reference", "segmentation", "cases", "cellpose_tiny.onnx");
        var input = Out("a.tif");
        File.Copy(Path.Combine(Repo(), "tests", "data", "real", "segmentation-measurement-tool", "nuclei.tif"), input);
        var native = Native("segment", "--input", input, "--method", "cellpose", "--model", model, "--cellprob-threshold", "-3", "--flow-threshold", "0", "--suffix", "aot");
        Assert.True(native.ExitCode == 0, native.Error);
        var jit = CliRun.App("segment", "--input", input, "--method", "cellpose", "--model", model, "--cellprob-threshold", "-3", "--flow-threshold", "0", "--suffix", "jit");
        Assert.True(jit.ExitCode == 0, jit.Error);
        Assert.Equal(SegMeasure.Core.Images.ImageFile.ReadLabels(Out("a_vSM-jit.ome.tif")).Data, SegMeasure.Core.Images.ImageFile.ReadLabels(Out("a_vSM-aot.ome.tif")).Data);
    }
}
