using System.Text.Json;
using SegMeasure.Core.Images;
using SegMeasure.Core.Tiff;

namespace SegMeasure.Core.Tests.Images;

/// <summary>
/// Label arrays that are not one 2D or 3D image, written by tifffile (tests/reference/tiff/axes,
/// make_axes_cases.py): each is refused with a typed error naming file, shape, axes and the way
/// out, or, when its extra axes all have size 1, read as the image it is. Never merged.
/// </summary>
public class AxesRefusalTests
{
    private static string Folder => Path.Combine(TestData.RepositoryRoot, "tests", "reference", "tiff", "axes");

    private static readonly Lazy<Dictionary<string, JsonElement>> Expected = new(() =>
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "expected.json")));
        return doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
    });

    public static TheoryData<string> Refused() => new(Expected.Value.Where(p => p.Value.GetProperty("refused").GetBoolean()).Select(p => p.Key).Order());

    public static TheoryData<string> Accepted() => new(Expected.Value.Where(p => !p.Value.GetProperty("refused").GetBoolean()).Select(p => p.Key).Order());

    [Theory]
    [MemberData(nameof(Refused))]
    public void Refused_with_shape_axes_and_the_way_out(string file)
    {
        var path = Path.Combine(Folder, file);
        var expected = Expected.Value[file];
        var shape = expected.GetProperty("tifffile_shape").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        var error = Assert.Throws<ImageAxesException>(() => ImageFile.ReadLabels(path));
        Assert.Equal("SegMeasure.ImageAxes", error.ErrorId);
        Assert.Equal(path, error.Path);
        Assert.Contains(path, error.Message);
        Assert.Contains(string.Join("x", shape), error.Message);
        Assert.Equal(shape, error.Shape);
        Assert.Contains(expected.GetProperty("tifffile_axes").GetString()!, error.Message);
        Assert.Matches("select|store it as a 2D", error.Message);
        Assert.Throws<ImageAxesException>(() => ImageFile.ReadIntensity(path));
    }

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Size_one_axes_are_dropped_not_merged(string file)
    {
        var labels = ImageFile.ReadLabels(Path.Combine(Folder, file));
        Assert.Equal(ImageShape.Of3D(5, 5, 5), labels.Shape);
    }

    [Fact]
    public void Info_still_describes_a_refused_file()
    {
        var info = ImageInfo.Read(Path.Combine(Folder, "qqyx_5x5x5x5.tif"));
        Assert.Equal([5, 5, 5, 5], info.Shape);
        Assert.Equal("QQYX", info.Axes);
    }

    [Fact]
    public void One_d_reads_as_tifffile_reads_it()
    {
        var pixels = TiffReader.ReadFile(Path.Combine(Folder, "one_d_9.tif"));
        Assert.Equal([9], pixels.Shape);
        Assert.Equal("X", pixels.Axes);
    }

    [Theory]
    [InlineData(new[] { 2, 3, 4, 5 }, "ZQYX")]
    [InlineData(new[] { 3, 3, 4, 5 }, "QQYX")]
    [InlineData(new[] { 3, 4, 5 }, "TYX")]
    [InlineData(new[] { 9 }, "X")]
    [InlineData(new[] { 3, 4, 5 }, "AYX")]
    public void Layout_refuses(int[] shape, string axes) =>
        Assert.Throws<ImageAxesException>(() => VolumeLayout.From(shape, axes, "x.tif"));

    [Theory]
    [InlineData(new[] { 1, 3, 4, 5 }, "TZYX", 3)]
    [InlineData(new[] { 3, 1, 4, 5 }, "QQYX", 3)]
    [InlineData(new[] { 2, 3, 4, 5 }, "CZYX", 3)]
    public void Layout_accepts(int[] shape, string axes, int depth) =>
        Assert.Equal(depth, VolumeLayout.From(shape, axes, "x.tif").Depth);
}
