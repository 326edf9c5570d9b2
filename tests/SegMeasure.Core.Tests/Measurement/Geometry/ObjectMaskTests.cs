using SegMeasure.Core.Measurement.Geometry;

namespace SegMeasure.Core.Tests.Measurement.Geometry;

public class ObjectMaskTests
{
    [Fact]
    public void Count_IsTheNumberOfObjectVoxels()
    {
        var mask = new ObjectMask([true, false, true, true, false, false], 1, 2, 3, is2D: false);
        Assert.Equal(3, mask.Count);
        Assert.True(mask[0, 1, 0]);
        Assert.False(mask[0, 1, 1]);
    }

    [Fact]
    public void Constructor_RejectsInconsistentExtents()
    {
        Assert.Throws<ArgumentException>(() => new ObjectMask(new bool[5], 1, 2, 3, is2D: false));
        Assert.Throws<ArgumentException>(() => new ObjectMask(new bool[12], 2, 2, 3, is2D: true));
        Assert.Throws<ArgumentException>(() => new ObjectMask([], 0, 1, 1, is2D: false));
    }

    [Fact]
    public void Kernels_IgnoreEmptyMarginsAroundTheObject()
    {
        // The kernels expect a bounding-box crop but must not depend on it: the same object with
        // an empty margin gives the same hull count, surface area and Feret diameter.
        var reference = GeometryReference.Get("3d ellipsoid");
        var tight = reference.Mask;
        int d = tight.Depth + 3, h = tight.Height + 2, w = tight.Width + 4;
        var voxels = new bool[d * h * w];
        for (int z = 0; z < tight.Depth; z++)
            for (int y = 0; y < tight.Height; y++)
                for (int x = 0; x < tight.Width; x++)
                    voxels[((z + 2) * h + y + 1) * w + x + 3] = tight[z, y, x];
        var loose = new ObjectMask(voxels, d, h, w, is2D: false);
        Assert.Equal(ConvexHullImage.VoxelCount(tight), ConvexHullImage.VoxelCount(loose));
        Assert.Equal(SurfaceArea.MarchingCubes(tight, 2, 0.5, 0.5), SurfaceArea.MarchingCubes(loose, 2, 0.5, 0.5), 9);
        Assert.Equal(FeretDiameter.Max(tight, 2, 0.5, 0.5), FeretDiameter.Max(loose, 2, 0.5, 0.5), 9);
    }
}
