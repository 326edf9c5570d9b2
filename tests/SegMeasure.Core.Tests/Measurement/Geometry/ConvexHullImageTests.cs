using SegMeasure.Core.Measurement.Geometry;

namespace SegMeasure.Core.Tests.Measurement.Geometry;

public class ConvexHullImageTests
{
    public static IEnumerable<object[]> RegularCases() => GeometryReference.Names(c => !c.Flat);
    public static IEnumerable<object[]> FlatCases() => GeometryReference.Names(c => c.Flat);

    [Theory]
    [MemberData(nameof(RegularCases))]
    public void VoxelCount_MatchesScikitImage(string name)
    {
        var reference = GeometryReference.Get(name);
        Assert.Equal(reference.Count, reference.Mask.Count);
        Assert.Equal(reference.SkimageHullCount, ConvexHullImage.VoxelCount(reference.Mask));
    }

    [Theory]
    [MemberData(nameof(FlatCases))]
    public void VoxelCount_OfFlatObject_IsTheHullWithinItsPlaneOrLine(string name)
    {
        // scikit-image returns an empty hull here (infinite solidity); the expected count comes
        // from scipy's Qhull on the voxel corner offsets, restricted to the centres' plane or line.
        var reference = GeometryReference.Get(name);
        Assert.Equal(0, reference.SkimageHullCount);
        long count = ConvexHullImage.VoxelCount(reference.Mask);
        Assert.Equal(reference.HullCount, count);
        Assert.InRange(count, reference.Count, long.MaxValue);
    }

    [Fact]
    public void VoxelCount_OfSingleVoxel_IsOne()
    {
        Assert.Equal(1, ConvexHullImage.VoxelCount(new ObjectMask([true], 1, 1, 1, is2D: false)));
        Assert.Equal(1, ConvexHullImage.VoxelCount(new ObjectMask([true], 1, 1, 1, is2D: true)));
    }

    [Fact]
    public void VoxelCount_OfEmptyMask_IsZero()
    {
        Assert.Equal(0, ConvexHullImage.VoxelCount(new ObjectMask(new bool[6], 1, 2, 3, is2D: true)));
    }

    [Fact]
    public void Compute_FillsTheConcavityOfAnLShape()
    {
        bool[] l =
        [
            true, false, false,
            true, false, false,
            true, true, true,
        ];
        var hull = ConvexHullImage.Compute(new ObjectMask(l, 1, 3, 3, is2D: true));
        // The diamonds' hull edge from (y, x) = (−½, 0) to (2, 2½) is y − x ≥ −½: (1, 1) lies inside,
        // (0, 1) and (1, 2) do not (skimage.morphology.convex_hull_image agrees).
        Assert.Equal(
        [
            true, false, false,
            true, true, false,
            true, true, true,
        ], hull.Voxels);
    }
}
