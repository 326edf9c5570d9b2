using SegMeasure.Core.Images;
using SegMeasure.Core.Postprocessing;

namespace SegMeasure.Core.Tests.Postprocessing;

public class SmallSegmentFilterTests
{
    public static IEnumerable<object[]> Cases => ReferenceCases.Named("filter-small-segments");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_the_reference_definition(string name)
    {
        var npz = ReferenceCases.Load(name);
        var input = ReferenceCases.Input(npz);
        var minSize = ReferenceCases.Params(name).GetProperty("min_size").GetInt64();
        var result = SmallSegmentFilter.Apply(input, minSize);
        ReferenceCases.AssertSameLabels(npz.Labels("expected"), result.Image.Data, input.Shape);
        Assert.Equal(npz.Labels("input").Where(v => v != 0).Distinct().Count(), result.SegmentsBefore);
        Assert.Equal(npz.Labels("expected").Where(v => v != 0).Distinct().Count(), result.SegmentsAfter);
    }

    [Fact]
    public void A_segment_of_exactly_min_size_stays_and_the_input_is_untouched()
    {
        uint[] data = [1, 1, 2, 0, 3, 3, 3, 0];
        var input = new LabelImage((uint[])data.Clone(), ImageShape.Of2D(2, 4), storedType: PixelType.UInt8);
        var result = SmallSegmentFilter.Apply(input, 2);
        Assert.Equal(new uint[] { 1, 1, 0, 0, 3, 3, 3, 0 }, result.Image.Data);
        Assert.Equal(data, input.Data);
        Assert.Equal(PixelType.UInt8, result.Image.StoredType);
        Assert.Equal((3, 2), (result.SegmentsBefore, result.SegmentsAfter));
    }

    [Fact]
    public void Huge_sparse_ids_are_counted_without_a_dense_table()
    {
        var input = new LabelImage([4_000_000_000u, 4_000_000_000u, 7u, 0u], ImageShape.Of2D(1, 4));
        var result = SmallSegmentFilter.Apply(input, 2);
        Assert.Equal(new uint[] { 4_000_000_000u, 4_000_000_000u, 0, 0 }, result.Image.Data);
    }
}
