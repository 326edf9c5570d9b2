using System.Text.Json;
using SegMeasure.Core.Images;
using SegMeasure.Core.Tiff;

namespace SegMeasure.Core.Tests.Tiff;

/// <summary>
/// Plain files written by tifffile (tests/reference/tiff, with the script that wrote them) whose
/// array shape only the JSON description tells: each must read back as the array tifffile
/// returns, and the label image must have the dimensions the reference tool measures.
/// </summary>
public class TifffileShapeTests
{
    private static string Folder => Path.Combine(TestData.RepositoryRoot, "tests", "reference", "tiff");

    private static readonly Lazy<Dictionary<string, JsonElement>> Expected = new(() =>
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "expected.json")));
        return doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
    });

    public static TheoryData<string> Files() => new(Expected.Value.Keys.Order());

    private static int[] Ints(JsonElement e, string name) => e.GetProperty(name).EnumerateArray().Select(v => v.GetInt32()).ToArray();

    [Theory]
    [MemberData(nameof(Files))]
    public void Reads_the_declared_array(string file)
    {
        var expected = Expected.Value[file];
        var pixels = TiffReader.ReadFile(Path.Combine(Folder, file));

        Assert.Equal(expected.GetProperty("sha256").GetString(), PixelChecksum.Sha256(pixels.Data));
        Assert.Equal(Ints(expected, "reference_shape"), pixels.Shape);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Labels_have_the_dimensions_the_reference_measures(string file)
    {
        var expected = Ints(Expected.Value[file], "reference_shape");
        if (file.Contains("channels") || file.Contains("rgb")) return; // no label images; see the tests below

        var labels = ImageFile.ReadLabels(Path.Combine(Folder, file));

        int[] actual = labels.Shape.Is2D ? [labels.Shape.Height, labels.Shape.Width] : [labels.Shape.Depth, labels.Shape.Height, labels.Shape.Width];
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Declared_channel_axis_gives_channels()
    {
        var image = ImageFile.ReadIntensity(Path.Combine(Folder, "channels_axes_cyx.tif"));

        Assert.Equal(2, image.ChannelCount);
        Assert.True(image.Shape.Is2D);
        Assert.Equal((7, 9), (image.Shape.Height, image.Shape.Width));
    }

    [Fact]
    public void Slices_stored_as_colour_planes_are_refused_with_the_way_out()
    {
        string path = Path.Combine(Folder, "three_slices_as_rgb_planes.tif");

        var error = Assert.Throws<InvalidLabelException>(() => ImageFile.ReadLabels(path));

        Assert.Contains("3 channels", error.Message);
        Assert.Contains("photometric='minisblack'", error.Message);
        Assert.Equal(path, error.Path);
    }

    [Fact]
    public void An_appended_array_is_not_part_of_the_first()
    {
        using var reader = TiffReader.Open(Path.Combine(Folder, "appended_series.tif"));

        Assert.Equal(5, reader.Series.Pages.Count);
        Assert.Equal(8, Expected.Value["appended_series.tif"].GetProperty("pages").GetInt32());
    }

    [Theory]
    [InlineData("{\"shape\": [5, 7, 1]}", new[] { 5, 7, 1 }, null)]
    [InlineData("{\"axes\": \"ZYX\", \"shape\": [1, 7, 9]}", new[] { 1, 7, 9 }, "ZYX")]
    public void Description_gives_shape_and_axes(string description, int[] shape, string? axes)
    {
        var parsed = TifffileShape.Parse(description)!;

        Assert.Equal(shape, parsed.Shape);
        Assert.Equal(axes, parsed.Axes);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("ImageJ=1.53t\nimages=3\n")]
    [InlineData("{not json")]
    [InlineData("{\"shape\": []}")]
    [InlineData("{\"shape\": [0, 7]}")]
    [InlineData("{\"shape\": [-1, 7]}")]
    [InlineData("{\"shape\": [7.5, 7]}")]
    [InlineData("{\"shape\": \"7x9\"}")]
    [InlineData("{\"shape\": [2147483647, 2147483647, 2147483647]}")]
    [InlineData("[5, 7]")]
    public void Anything_else_is_no_declared_shape(string? description) => Assert.Null(TifffileShape.Parse(description));
}
