using SegMeasure.Core.Measurement.Geometry;

namespace SegMeasure.Core.Tests.Measurement.Geometry;

public class FeretDiameterTests
{
    public static IEnumerable<object[]> Cases() => GeometryReference.Names(c => c.Ferets.Count > 0);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Max_MatchesScikitImageRecipe(string name)
    {
        // Expected: regionprops' feret_diameter_max recipe (contour / marching-cubes vertices of the
        // convex hull image, coordinates times spacing); flat 3D objects use the in-plane hull.
        var reference = GeometryReference.Get(name);
        foreach (var (spacing, expected) in reference.Ferets)
        {
            double actual = reference.Mask.Is2D
                ? FeretDiameter.Max(reference.Mask, 1.0, spacing[0], spacing[1])
                : FeretDiameter.Max(reference.Mask, spacing[0], spacing[1], spacing[2]);
            Assert.True(Math.Abs(actual - expected) <= 1e-9 * expected,
                $"spacing ({string.Join(", ", spacing)}): expected {expected}, got {actual}");
        }
    }

    [Fact]
    public void Max_OfSinglePixel_IsTheLongerPixelSide()
    {
        // The contour of one pixel joins its four edge midpoints.
        var pixel = new ObjectMask([true], 1, 1, 1, is2D: true);
        Assert.Equal(1.0, FeretDiameter.Max(pixel, 7.0, 1.0, 1.0), 12);
        Assert.Equal(3.0, FeretDiameter.Max(pixel, 7.0, 3.0, 0.5), 12);
    }

    [Fact]
    public void Max_OfEmptyMask_IsZero()
    {
        Assert.Equal(0.0, FeretDiameter.Max(new ObjectMask(new bool[4], 1, 2, 2, is2D: false), 1, 1, 1));
    }
}
