using SegMeasure.Core.Images;
using SegMeasure.Core.Segmentation;
using SegMeasure.Core.Tests.Postprocessing;

namespace SegMeasure.Core.Tests.Segmentation;

/// <summary>OME-Zarr images are segmentation inputs: a store, a folder of stores, a glob over plate fields.</summary>
public class SegmentationZarrInputTests
{
    private static string Zarr => Path.Combine(ReferenceCases.RepoRoot(), "tests", "reference", "zarr");

    [Fact]
    public void A_store_is_one_input_named_after_it_and_written_beside_it()
    {
        var (mask, log) = SegmentationNaming.OutputsFor("/d/cells_BF.ome.zarr", "", null);
        Assert.Equal(("/d/cells_BF_vSM.ome.tif", "/d/cells_BF_vSM.log"), (mask, log));
        Assert.Equal("/d/plate_B_03_0_vSM-x.ome.tif", SegmentationNaming.OutputsFor("/d/plate.ome.zarr/B/03/0", "x", null).Mask);
        Assert.Equal("/o/raw_1_vSM.ome.tif", SegmentationNaming.OutputsFor("/d/raw.zarr/1", "", "/o").Mask);
    }

    [Fact]
    public void Plate_fields_from_a_glob_get_distinct_outputs()
    {
        var inputs = SegmentationInputs.Expand([Path.Combine(Zarr, "plate.ome.zarr", "*", "*", "0")], null);
        Assert.Equal(4, inputs.Count);
        var masks = inputs.Select(i => Path.GetFileName(SegmentationNaming.OutputsFor(i, "", null).Mask)).ToList();
        Assert.Equal(["plate_A_1_0_vSM.ome.tif", "plate_A_2_0_vSM.ome.tif", "plate_B_1_0_vSM.ome.tif", "plate_B_2_0_vSM.ome.tif"], masks);
    }

    [Fact]
    public void A_folder_contributes_its_stores_and_a_store_is_segmented_like_its_tiff_copy()
    {
        using var dir = new TemporaryDirectory();
        var store = dir.File("nuclei_BF.ome.zarr");
        foreach (var file in Directory.GetFiles(Path.Combine(Zarr, "nuclei_2d.ome.zarr"), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(store, Path.GetRelativePath(Path.Combine(Zarr, "nuclei_2d.ome.zarr"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var tiff = dir.File("copy_BF.tif");
        ImageFile.WriteIntensity(tiff, ImageFile.ReadIntensity(store));
        var inputs = SegmentationInputs.Expand([dir.Path], "_BF");
        Assert.Equal(new[] { store, tiff }.Order(StringComparer.Ordinal), inputs);

        var options = new SegmentationOptions { Classical = new ClassicalSegmentationOptions { Diameter = 8 } };
        var results = BatchSegmentation.Run(BatchSegmentation.Plan(inputs, options), options);
        Assert.Equal(2, results.Count);
        var fromZarr = ImageFile.ReadLabels(dir.File("nuclei_BF_vSM.ome.tif"));
        var fromTiff = ImageFile.ReadLabels(dir.File("copy_BF_vSM.ome.tif"));
        Assert.True(fromZarr.MaxLabel() > 3);
        Assert.Equal(fromTiff.Data, fromZarr.Data);
        Assert.False(Directory.EnumerateFiles(store, "*_vSM*", SearchOption.AllDirectories).Any());
    }
}
