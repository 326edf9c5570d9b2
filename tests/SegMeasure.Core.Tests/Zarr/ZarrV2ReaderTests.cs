using SegMeasure.Core.Images;
using SegMeasure.Core.Measurement;
using SegMeasure.Core.Tables;
using SegMeasure.Core.Zarr;

namespace SegMeasure.Core.Tests.Zarr;

/// <summary>
/// Zarr v2 / OME-Zarr 0.4 stores written by python3-zarr 2.13 and numcodecs 0.11
/// (make_zarr_v2_cases.py): every codec, both orders, edge chunks, fill values, every type;
/// pixels, axes and scale equal what zarr reads; the same labels measured from TIFF and from
/// OME-Zarr give identical tables.
/// </summary>
public class ZarrV2ReaderTests
{
    private static readonly Lazy<Dictionary<string, System.Text.Json.JsonElement>> Expected = new(() => ZarrTestData.Expected("expected_v2.json"));

    public static TheoryData<string> Stores() => new(Expected.Value.Keys.Order());

    [Theory]
    [MemberData(nameof(Stores))]
    public void Reads_the_pixels_zarr_reads(string store)
    {
        var expected = Expected.Value[store];
        var pixels = ImagePixels.Read(ZarrTestData.Store(store), null, default);
        Assert.Equal(ZarrTestData.Ints(expected, "shape"), pixels.Shape);
        var dtype = expected.GetProperty("dtype").GetString();
        Assert.Equal(dtype == "bool" ? "uint8" : dtype, pixels.PixelType.ToDTypeName());
        Assert.Equal(expected.GetProperty("sha256").GetString(), PixelChecksum.Sha256(pixels.Data));
        if (expected.TryGetProperty("axes", out var axes))
        {
            Assert.Equal(axes.GetString(), pixels.Axes);
            var scale = expected.GetProperty("scale").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            Assert.Equal(scale, pixels.VoxelSize.ToScale(scale.Length == 2));
            Assert.Equal(expected.GetProperty("unit").GetString(), pixels.VoxelSize.Unit);
        }
    }

    [Fact]
    public void Info_describes_a_zarr_image()
    {
        var info = ImageInfo.Read(ZarrTestData.Store("nuclei_2d.ome.zarr/labels/nuclei"));
        Assert.Equal([100, 120], info.Shape);
        Assert.Equal("YX", info.Axes);
        Assert.Equal([0.5, 0.5], info.VoxelSize);
        Assert.True(info.Labels > 0);
    }

    [Fact]
    public void Another_level_on_request()
    {
        var image = OmeZarrImage.Open(ZarrTestData.Store("nuclei_2d.ome.zarr"), level: 1);
        Assert.Equal([50, 60], image.Shape);
        Assert.Equal(1.0, image.VoxelSize.X);
        var error = Assert.Throws<ZarrFormatException>(() => OmeZarrImage.Open(ZarrTestData.Store("nuclei_2d.ome.zarr"), level: 2));
        Assert.Contains("levels 0..1", error.Message);
    }

    [Theory]
    [InlineData("nuclei_2d_labels.tif", "nuclei_2d.ome.zarr/labels/nuclei")]
    [InlineData("nuclei_3d_labels.tif", "nuclei_3d.ome.zarr")]
    public void The_same_labels_as_tiff_and_as_ome_zarr_measure_identically(string tiff, string zarr)
    {
        static string Csv(MeasurementTable table)
        {
            using var stream = new MemoryStream();
            DelimitedTableFormat.Write(stream, table, ',');
            return System.Text.Encoding.UTF8.GetString(stream.ToArray());
        }

        var fromTiff = ImageFile.ReadLabels(ZarrTestData.Store(tiff));
        var fromZarr = ImageFile.ReadLabels(ZarrTestData.Store(zarr));
        Assert.Equal(fromTiff.Shape, fromZarr.Shape);
        Assert.Equal(fromTiff.VoxelSize.ToScale(fromTiff.Shape.Is2D), fromZarr.VoxelSize.ToScale(fromZarr.Shape.Is2D));
        Assert.Equal(Csv(MeasurementFiles.Morphology(ZarrTestData.Store(tiff))), Csv(MeasurementFiles.Morphology(ZarrTestData.Store(zarr))));
    }

    [Theory]
    [InlineData("plate.ome.zarr", "plate.ome.zarr/A/1/0")]
    [InlineData("plate.ome.zarr/B/2", "plate.ome.zarr/B/2/0")]
    [InlineData("nuclei_2d.ome.zarr/labels", "nuclei_2d.ome.zarr/labels/nuclei")]
    public void Containers_are_refused_with_the_paths_to_use(string container, string suggestion)
    {
        var error = Assert.Throws<ZarrFormatException>(() => ImageFile.ReadLabels(ZarrTestData.Store(container)));
        Assert.Contains(ZarrTestData.Store(suggestion), error.Message);
    }
}
