using SegMeasure.Core.Images;
using SegMeasure.Core.Postprocessing;

namespace SegMeasure.Core.Tests.Postprocessing;

public class HoleFillingTests
{
    public static IEnumerable<object[]> Cases => ReferenceCases.Named("remove-small-holes");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_the_reference_definition(string name)
    {
        var npz = ReferenceCases.Load(name);
        var input = ReferenceCases.Input(npz);
        var before = (uint[])input.Data.Clone();
        var maxHole = ReferenceCases.Params(name).GetProperty("max_hole_size").GetInt64();
        var result = HoleFilling.Apply(input, maxHole);
        ReferenceCases.AssertSameLabels(npz.Labels("expected"), result.Image.Data, input.Shape);
        Assert.Equal(before, input.Data);
    }

    [Fact]
    public void The_size_limit_is_inclusive_unlike_a_literal_run_of_scikit_image_0_19()
    {
        // The literal 0.19 call leaves the 4-pixel hole open at limit 4; the definition fills it.
        var npz = ReferenceCases.Load("holes_literal_0_19");
        var input = ReferenceCases.Input(npz);
        var filled = HoleFilling.Apply(input, 4).Image.Data;
        var literal = npz.Labels("expected");
        var differing = Enumerable.Range(0, filled.Length).Where(i => filled[i] != literal[i]).ToArray();
        Assert.Equal(4, differing.Length);
        Assert.All(differing, i => Assert.Equal(1u, filled[i]));
        Assert.Equal(literal, HoleFilling.Apply(input, 3).Image.Data);
    }

    [Fact]
    public void Other_segments_inside_a_hole_count_towards_its_size_but_are_not_overwritten()
    {
        // 3x3 ring of 1 around a centre pair: background + segment 2 = 2 voxels.
        uint[] data =
        [
            1, 1, 1, 1,
            1, 0, 2, 1,
            1, 1, 1, 1,
        ];
        var input = new LabelImage(data, ImageShape.Of2D(3, 4), storedType: PixelType.UInt16);
        Assert.Equal(new uint[] { 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1 }, HoleFilling.Apply(input, 2).Image.Data);
        Assert.Equal(data, HoleFilling.Apply(input, 1).Image.Data);
        Assert.Equal(PixelType.UInt16, HoleFilling.Apply(input, 2).Image.StoredType);
    }
}
