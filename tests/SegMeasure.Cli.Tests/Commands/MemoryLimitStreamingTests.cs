using SegMeasure.Core.Images;

namespace SegMeasure.Cli.Tests.Commands;

/// <summary>
/// <c>--memory-limit</c> below an image's in-memory working set makes measurements and the local
/// post-processing steps go band by band from the file: the same table, the same pixels.
/// </summary>
public sealed class MemoryLimitStreamingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("segmeasure-streaming-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Data(string name) => TestRepository.Example(name);

    [Theory]
    [InlineData("intensities", new[] { "--segmentation", "membrane-seg.tif", "--intensity", "membrane.tif", "--sum" })]
    [InlineData("morphology", new[] { "--segmentation", "membrane-seg.tif", "--shape-extras" })]
    [InlineData("cell-nucleus", new[] { "--cell-segmentation", "membrane-seg.tif", "--nucleus-segmentation", "nucleus-seg.tif", "--intensity", "nuclei.tif" })]
    public void Measuring_over_the_limit_gives_the_same_table(string command, string[] arguments)
    {
        var args = arguments.Select(a => a.EndsWith(".tif") ? Data(a) : a).ToArray();
        string whole = Path.Combine(_dir, "whole.csv"), banded = Path.Combine(_dir, "banded.csv");
        var a = CliRun.App(["measure", command, .. args, "--output", whole]);
        Assert.True(a.ExitCode == 0, a.Error);
        // 256 x 256 pixels need a few MB: 1 kB sends every image down the band-by-band path.
        var b = CliRun.App(["measure", command, .. args, "--output", banded, "--memory-limit", "0.000001"]);
        Assert.True(b.ExitCode == 0, b.Error);
        Assert.Equal(File.ReadAllText(whole), File.ReadAllText(banded));
        Assert.True(File.ReadAllLines(whole).Length > 10);
    }

    [Theory]
    [InlineData("filter-small-segments", new[] { "--min-size", "300" })]
    [InlineData("ring-mask", new[] { "--ring-width", "4", "--remove-original" })]
    public void Local_steps_over_the_limit_write_the_same_pixels(string command, string[] arguments)
    {
        string whole = Path.Combine(_dir, "whole.tif"), banded = Path.Combine(_dir, "banded.tif");
        var a = CliRun.App(["postprocess", command, "--input", Data("membrane-seg.tif"), .. arguments, "--output", whole]);
        Assert.True(a.ExitCode == 0, a.Error);
        var b = CliRun.App(["postprocess", command, "--input", Data("membrane-seg.tif"), .. arguments, "--output", banded, "--memory-limit", "0.000001"]);
        Assert.True(b.ExitCode == 0, b.Error);
        var x = ImageFile.ReadLabels(whole);
        var y = ImageFile.ReadLabels(banded);
        Assert.Equal(x.StoredType, y.StoredType);
        Assert.Equal(x.Data, y.Data);
        Assert.Contains(x.Data, v => v != 0);
    }
}
