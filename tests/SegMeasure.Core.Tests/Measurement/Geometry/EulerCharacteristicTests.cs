using SegMeasure.Core.Measurement.Geometry;

namespace SegMeasure.Core.Tests.Measurement.Geometry;

public class EulerCharacteristicTests
{
    private static ObjectMask Mask(int size, Func<int, int, int, bool> inside)
    {
        var voxels = new bool[size * size * size];
        for (int z = 0; z < size; z++)
            for (int y = 0; y < size; y++)
                for (int x = 0; x < size; x++)
                    voxels[(z * size + y) * size + x] = inside(z, y, x);
        return new ObjectMask(voxels, size, size, size, is2D: false);
    }

    [Fact]
    public void Solid_cube_is_one() => Assert.Equal(1, EulerCharacteristic.Of(Mask(4, (_, _, _) => true)));

    [Fact]
    public void Cube_with_a_cavity_is_two()
        => Assert.Equal(2, EulerCharacteristic.Of(Mask(5, (z, y, x) => !(z == 2 && y == 2 && x == 2))));

    [Fact]
    public void Ring_with_a_tunnel_is_zero()
        => Assert.Equal(0, EulerCharacteristic.Of(Mask(3, (z, y, x) => z == 1 && !(y == 1 && x == 1))));

    [Fact]
    public void Voxels_meeting_at_a_corner_are_one_object()
        => Assert.Equal(1, EulerCharacteristic.Of(Mask(2, (z, y, x) => (z, y, x) is (0, 0, 0) or (1, 1, 1))));

    [Fact]
    public void Separate_voxels_count_each()
        => Assert.Equal(2, EulerCharacteristic.Of(Mask(3, (z, y, x) => (z, y, x) is (0, 0, 0) or (2, 2, 2))));
}
