using System.Text.Json;

namespace SegMeasure.Cli.Tests.Commands;

public class InfoCommandTests
{
    private static string Repo(params string[] parts) => TestRepository.PathOf(parts);

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = SegMeasureApp.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Prints_shape_type_voxel_size_labels_and_checksum()
    {
        var file = Repo("tests", "data", "tiff-conformance", "stack3d_label_u16_imagej.tif");
        var (code, output, error) = Run("info", file);
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("31 x 61 x 57 (ZYX)", output);
        Assert.Contains("uint16", output);
        Assert.Contains("2 x 0.5 x 0.5 micron", output);
        Assert.Contains("labels    51", output);
        Assert.Contains("ee06fbf1ea606198f930b365ae1eb90aad418e3714febb9a0a43255ea9ff2750", output);
    }

    [Fact]
    public void Json_output_has_one_object_per_file()
    {
        var a = Repo("examples", "data", "nucleus-seg.tif");
        var b = Repo("tests", "data", "tiff-conformance", "intensity_f32_none.tif");
        var (code, output, _) = Run("info", a, b, "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var items = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal("int64", items[0].GetProperty("dtype").GetString());
        Assert.Equal(24, items[0].GetProperty("labels").GetInt32());
        Assert.Equal(new[] { 256, 256 }, items[0].GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(JsonValueKind.Null, items[1].GetProperty("labels").ValueKind);
        Assert.Equal("9a7983c578e17163aee517ec864f9c8edbcdfa60599d7546c947c537af907275", items[1].GetProperty("sha256").GetString());
        Assert.False(items[1].GetProperty("calibrated").GetBoolean());
    }

    [Fact]
    public void A_bad_file_is_reported_and_the_others_still_printed()
    {
        var bad = Repo("tests", "data", "tiff-conformance", "malformed_truncated_pixeldata.tif");
        var good = Repo("examples", "data", "membrane-seg.tif");
        var (code, output, error) = Run("info", bad, good);
        Assert.Equal(1, code);
        Assert.Contains("membrane-seg.tif", output);
        Assert.Contains("labels    38", output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("segmeasure: ", line);
        Assert.Contains("malformed_truncated_pixeldata.tif", line);
        Assert.Contains("past the end of the file", line);
    }

    [Fact]
    public void A_missing_file_fails_with_exit_code_1()
    {
        var (code, _, error) = Run("info", "no-such-file.tif");
        Assert.Equal(1, code);
        Assert.Contains("no-such-file.tif", error);
    }

    [Fact]
    public void Without_files_the_command_fails()
    {
        var (code, _, _) = Run("info");
        Assert.NotEqual(0, code);
    }
}
