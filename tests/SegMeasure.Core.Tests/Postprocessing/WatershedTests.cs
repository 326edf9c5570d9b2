using SegMeasure.Core.Images;
using SegMeasure.Core.Postprocessing;

namespace SegMeasure.Core.Tests.Postprocessing;

public class WatershedTests
{
    public static IEnumerable<object[]> Cases => ReferenceCases.Named("watershed");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Equals_scikit_image_voxel_for_voxel_including_tied_seeds_on_plateaus(string name)
    {
        var npz = ReferenceCases.Load(name);
        var input = ReferenceCases.Input(npz);
        var mask = npz.Has("mask") ? npz.Booleans("mask") : null;
        var result = Watershed.Apply(input, npz.Doubles("heatmap"), mask);
        ReferenceCases.AssertSameLabels(npz.Labels("expected"), result.Image.Data, input.Shape);
    }

    [Fact]
    public void Plateau_voxels_go_to_the_nearest_seed_and_the_mask_blanks_the_rest()
    {
        var seeds = new LabelImage([1, 0, 0, 0, 0, 2, 0], ImageShape.Of2D(1, 7), storedType: PixelType.UInt8);
        var flat = new double[7];
        Assert.Equal(new uint[] { 1, 1, 1, 2, 2, 2, 2 }, Watershed.Apply(seeds, flat).Image.Data);
        bool[] mask = [true, true, false, true, true, true, false];
        Assert.Equal(new uint[] { 1, 1, 0, 2, 2, 2, 0 }, Watershed.Apply(seeds, flat, mask).Image.Data);
        Assert.Equal(PixelType.UInt8, Watershed.Apply(seeds, flat).Image.StoredType);
    }

    [Fact]
    public void Voxels_are_claimed_when_they_enter_the_queue_from_the_lowest_ground_first()
    {
        // Seed 2 sits at 0 and leaves the queue first: it claims x=3, which claims x=2 (1),
        // which claims x=1 (9) before seed 1 (5) is ever popped. (scikit-image agrees.)
        var seeds = new LabelImage([1, 0, 0, 0, 2], ImageShape.Of2D(1, 5));
        Assert.Equal(new uint[] { 1, 2, 2, 2, 2 }, Watershed.Apply(seeds, [5, 9, 1, 0, 0]).Image.Data);
        // Both seeds at 0: seed 1 entered first, pops first and claims x=1 right away.
        Assert.Equal(new uint[] { 1, 1, 2, 2, 2 }, Watershed.Apply(seeds, [0, 9, 1, 0, 0]).Image.Data);
    }

    [Fact]
    public void Mismatched_heatmap_and_NaN_are_clear_errors()
    {
        var seeds = new LabelImage([1, 0], ImageShape.Of2D(1, 2));
        Assert.Throws<ShapeMismatchException>(() => Watershed.Apply(seeds, new double[3]));
        var error = Assert.Throws<SegMeasureException>(() => Watershed.Apply(seeds, [0, double.NaN]));
        Assert.Equal("SegMeasure.InvalidHeatmap", error.ErrorId);
    }

    [Fact]
    public void Landscapes_finer_than_float32_keep_their_exact_order()
    {
        // x=1 and x=3 differ by 1e-12: x=3 is lower, leaves the queue first and claims x=2
        // for seed 2; were the two values merged, x=1 (entered first) would take it for seed 1.
        var seeds = new LabelImage([1, 0, 0, 0, 2], ImageShape.Of2D(1, 5));
        Assert.Equal(new uint[] { 1, 1, 2, 2, 2 }, Watershed.Apply(seeds, [0, 1 + 1e-12, 5, 1, 0]).Image.Data);
        Assert.Equal(new uint[] { 1, 1, 1, 2, 2 }, Watershed.Apply(seeds, [0, 1, 5, 1, 0]).Image.Data);
    }
}
