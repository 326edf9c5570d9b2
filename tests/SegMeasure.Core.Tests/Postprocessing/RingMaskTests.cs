using SegMeasure.Core.Images;
using SegMeasure.Core.Postprocessing;

namespace SegMeasure.Core.Tests.Postprocessing;

public class RingMaskTests
{
    public static IEnumerable<object[]> Cases => ReferenceCases.Named("ring-mask");

    public static IEnumerable<object[]> ExpandCases => ReferenceCases.Named("expand");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_the_reference_definition(string name)
    {
        var npz = ReferenceCases.Load(name);
        var input = ReferenceCases.Input(npz);
        var p = ReferenceCases.Params(name);
        var result = RingMask.Apply(input, p.GetProperty("ring_width").GetInt32(), p.GetProperty("keep_original").GetBoolean());
        ReferenceCases.AssertSameLabels(npz.Labels("expected"), result.Image.Data, input.Shape);
    }

    [Theory]
    [MemberData(nameof(ExpandCases))]
    public void Nearest_segment_rings_match_the_euclidean_distance_transform(string name)
    {
        var npz = ReferenceCases.Load(name);
        var p = ReferenceCases.Params(name);
        var spacing = p.GetProperty("spacing").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var voxel = spacing.Length == 2 ? new VoxelSize(1, spacing[0], spacing[1]) : new VoxelSize(spacing[0], spacing[1], spacing[2]);
        var input = ReferenceCases.Input(npz, voxel);
        var result = RingMask.ApplyNearest(input, p.GetProperty("distance").GetDouble());
        var ignore = npz.Booleans("ignore");
        Assert.True(ignore.Count(b => b) < ignore.Length / 20, "ties should be rare; the comparison would say little");
        ReferenceCases.AssertSameLabels(npz.Labels("expected"), result.Image.Data, input.Shape, ignore);
    }

    [Fact]
    public void The_smaller_id_wins_where_rings_overlap_and_distance_passes_through_segments()
    {
        // 9 at x=0 and 3 at x=4; width 2 reaches x=2 from both; 3 wins it. Label 9 at x=0
        // also reaches x=1 (distance 1); 3 reaches x=2, x=3 only.
        var input = new LabelImage([9, 0, 0, 0, 3, 0], ImageShape.Of2D(1, 6));
        Assert.Equal(new uint[] { 9, 9, 3, 3, 3, 3 }, RingMask.Apply(input, 2).Image.Data);
        Assert.Equal(new uint[] { 0, 9, 3, 3, 0, 3 }, RingMask.Apply(input, 2, keepOriginal: false).Image.Data);
        // Through segment 5: label 2 dilates across it and reaches x=3 at distance 3.
        var through = new LabelImage([2, 5, 5, 0], ImageShape.Of2D(1, 4));
        Assert.Equal(new uint[] { 2, 5, 5, 2 }, RingMask.Apply(through, 3).Image.Data);
        Assert.Equal(new uint[] { 2, 5, 5, 5 }, RingMask.Apply(through, 1).Image.Data);
    }

    [Fact]
    public void A_width_below_one_is_refused()
    {
        var input = new LabelImage([1, 0], ImageShape.Of2D(1, 2));
        var error = Assert.Throws<SegMeasureException>(() => RingMask.Apply(input, 0));
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
    }

    [Fact]
    public void Wide_rings_keep_spreading_past_255_steps()
    {
        // Segment 9 at x=0, segment 1 at x=399, width 330: x=72 first becomes 9 (step 72) and
        // then 1 (step 327, 255 steps later); 1 must still spread on to x=69.
        var data = new uint[400];
        data[0] = 9;
        data[399] = 1;
        var result = RingMask.Apply(new LabelImage(data, ImageShape.Of2D(1, 400)), 330).Image.Data;
        for (int x = 1; x < 399; x++)
            Assert.Equal(x >= 69 ? 1u : 9u, result[x]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Large_images_spread_in_parallel_to_the_same_result_as_the_definition(bool is3D)
    {
        // Big enough for the parallel path; the expected value follows the definition directly:
        // the smallest id within city-block distance w of each background voxel.
        var shape = is3D ? ImageShape.Of3D(12, 160, 160) : ImageShape.Of2D(520, 520);
        var rng = new Random(5);
        var data = new uint[shape.Length];
        for (int i = 0; i < data.Length; i++)
            if (rng.NextDouble() < 0.5) data[i] = (uint)rng.Next(1, 400);
        const int w = 3;
        var result = RingMask.Apply(new LabelImage(data, shape), w).Image.Data;
        for (int z = 0; z < shape.Depth; z++)
        for (int y = 0; y < shape.Height; y++)
        for (int x = 0; x < shape.Width; x++)
        {
            long i = shape.IndexOf(z, y, x);
            uint expected = data[i];
            if (expected == 0)
            {
                for (int dz = -w; dz <= w; dz++)
                for (int dy = -w; dy <= w; dy++)
                for (int dx = -w; dx <= w; dx++)
                {
                    int zz = z + dz, yy = y + dy, xx = x + dx;
                    if (Math.Abs(dz) + Math.Abs(dy) + Math.Abs(dx) > w || zz < 0 || yy < 0 || xx < 0 || zz >= shape.Depth || yy >= shape.Height || xx >= shape.Width) continue;
                    var v = data[shape.IndexOf(zz, yy, xx)];
                    if (v != 0 && (expected == 0 || v < expected)) expected = v;
                }
            }

            Assert.Equal(expected, result[i]);
        }
    }
}
