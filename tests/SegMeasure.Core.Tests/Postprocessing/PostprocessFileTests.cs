using System.Text.Json;
using SegMeasure.Core.Images;
using SegMeasure.Core.Postprocessing;
using SegMeasure.Core.Tiff;

namespace SegMeasure.Core.Tests.Postprocessing;

/// <summary>File to file: the real TIFFs of tests/data/real through read → operation → write → read, against the reference outputs.</summary>
public sealed class PostprocessFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("segmeasure-pp-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static IEnumerable<object[]> RealCases()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(ReferenceCases.Folder, "manifest.json")));
        foreach (var entry in doc.RootElement.EnumerateArray())
            if (entry.GetProperty("params").TryGetProperty("source", out _) && entry.GetProperty("operation").GetString() != "shape-filter")
                yield return [entry.GetProperty("name").GetString()!];
    }

    [Theory]
    [MemberData(nameof(RealCases))]
    public void Real_files_give_the_reference_output_in_the_input_type(string name)
    {
        var p = ReferenceCases.Params(name);
        var source = Path.Combine(ReferenceCases.RepoRoot(), "tests", "data", "real", p.GetProperty("source").GetString()!);
        var output = Path.Combine(_dir, "out.tif");
        var operation = ReferenceCases.Operation(name);
        var result = operation switch
        {
            "filter-small-segments" => PostprocessFile.FilterSmallSegments(source, output, p.GetProperty("min_size").GetInt64(), new TiffWriteOptions()),
            "remove-small-holes" => PostprocessFile.RemoveSmallHoles(source, output, p.GetProperty("max_hole_size").GetInt64(), new TiffWriteOptions()),
            _ => PostprocessFile.RingMask(source, output, p.GetProperty("ring_width").GetInt32(), p.GetProperty("keep_original").GetBoolean(), new TiffWriteOptions()),
        };
        var written = ImageFile.ReadLabels(output);
        var npz = ReferenceCases.Load(name);
        ReferenceCases.AssertSameLabels(npz.Labels("expected"), written.Data, written.Shape);
        Assert.Equal(ImageFile.ReadLabels(source).StoredType, written.StoredType);
        Assert.Equal(npz.Labels("input").Where(v => v != 0).Distinct().Count(), result.SegmentsBefore);
    }

    [Fact]
    public void The_output_may_not_be_the_input()
    {
        var source = Path.Combine(ReferenceCases.RepoRoot(), "tests", "data", "real", "stardist", "tests_mask2d.tif");
        var error = Assert.Throws<SegMeasureException>(() => PostprocessFile.FilterSmallSegments(source, source, 10, new TiffWriteOptions { Overwrite = true }));
        Assert.Equal("SegMeasure.OutputIsInput", error.ErrorId);
    }
}
