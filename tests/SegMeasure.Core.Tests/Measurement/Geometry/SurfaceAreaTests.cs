using SegMeasure.Core.Measurement.Geometry;

namespace SegMeasure.Core.Tests.Measurement.Geometry;

public class SurfaceAreaTests
{
    // scikit-image builds its vertices in float32 (and, with unit spacing, sums the triangle areas
    // in float32 too); this kernel works in double, so agreement is to float32 rounding, ~1e-7.
    private const double RelativeTolerance = 1e-5;

    public static IEnumerable<object[]> Cases() => GeometryReference.Names(c => c.SurfaceAreas.Count > 0);

    [Theory]
    [MemberData(nameof(Cases))]
    public void MarchingCubes_MatchesScikitImage(string name)
    {
        var reference = GeometryReference.Get(name);
        foreach (var (spacing, expected) in reference.SurfaceAreas)
        {
            double actual = SurfaceArea.MarchingCubes(reference.Mask, spacing[0], spacing[1], spacing[2]);
            Assert.True(Math.Abs(actual - expected) <= RelativeTolerance * expected,
                $"spacing ({string.Join(", ", spacing)}): expected {expected}, got {actual}");
        }
    }

    [Fact]
    public void MarchingCubes_OfSingleVoxel_IsTheMidpointOctahedron()
    {
        // Eight equilateral triangles of side √½ joining the face centres of the padded voxel's
        // neighbourhood: 8 · (√3/4) · ½ = √3.
        double area = SurfaceArea.MarchingCubes(new ObjectMask([true], 1, 1, 1, is2D: false), 1, 1, 1);
        Assert.Equal(Math.Sqrt(3), area, 12);
    }

    [Fact]
    public void MarchingCubes_ScalesWithIsotropicSpacingSquared()
    {
        var mask = new ObjectMask([true, true, false, true, true, true, false, true], 2, 2, 2, is2D: false);
        double unit = SurfaceArea.MarchingCubes(mask, 1, 1, 1);
        Assert.Equal(unit * 6.25, SurfaceArea.MarchingCubes(mask, 2.5, 2.5, 2.5), 9);
    }

    [Fact]
    public void MarchingCubes_Rejects2DMask()
    {
        Assert.Throws<ArgumentException>(() => SurfaceArea.MarchingCubes(new ObjectMask([true], 1, 1, 1, is2D: true), 1, 1, 1));
    }
}

public class SurfaceAreaCoverageTests
{
    [Fact]
    public void ReferenceCases_ExerciseEveryCubeConfiguration()
    {
        // The per-configuration triangles are only as trustworthy as the cases that compare them
        // with scikit-image: every configuration with surface must occur in some reference case.
        var seen = new bool[256];
        foreach (var name in GeometryReference.Names(c => c.SurfaceAreas.Count > 0).Select(n => (string)n[0]))
        {
            var counts = SurfaceArea.CountConfigurations(GeometryReference.Get(name).Mask);
            for (int c = 0; c < 256; c++)
                if (counts[c] > 0)
                    seen[c] = true;
        }
        var missing = Enumerable.Range(1, 254).Where(c => !seen[c]).ToList();
        Assert.True(missing.Count == 0, $"configurations never tested: {string.Join(", ", missing)}");
    }
}
