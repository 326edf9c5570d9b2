using SegMeasure.Core.Batch;

namespace SegMeasure.Core.Tests.Batch;

/// <summary>Globs match OME-Zarr folders as images: HCS fields under a plate, label images, a store named without wildcards.</summary>
public class ZarrGlobTests
{
    private static string Zarr => Path.Combine(TestData.RepositoryRoot, "tests", "reference", "zarr");

    [Fact]
    public void A_glob_over_plate_fields()
    {
        var matches = FileGlob.Expand("plate.ome.zarr/*/*/0", Zarr).Select(m => m.Path).ToList();
        Assert.Equal(["plate.ome.zarr/A/1/0", "plate.ome.zarr/A/2/0", "plate.ome.zarr/B/1/0", "plate.ome.zarr/B/2/0"], matches);
    }

    [Fact]
    public void A_glob_over_stores_and_label_images()
    {
        Assert.Contains("nuclei_2d.ome.zarr", FileGlob.Expand("*.ome.zarr", Zarr).Select(m => m.Path));
        Assert.Equal(["nuclei_2d.ome.zarr/labels/nuclei", "nuclei_2d_v3.ome.zarr/labels/nuclei"], FileGlob.Expand("*/labels/*", Zarr).Select(m => m.Path));
    }

    [Fact]
    public void A_store_without_wildcards()
    {
        Assert.Single(FileGlob.Expand("plate.ome.zarr/A/1/0", Zarr));
        Assert.Throws<SegMeasureException>(() => FileGlob.Expand("not-there.ome.zarr", Zarr));
    }
}
