using SegMeasure.Core.Analysis.Classifiers;
using SegMeasure.Core.Analysis;
using SegMeasure.Core.Images;
using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Tests.Analysis;

public class AnnotationProjectionTests
{
    // 2 x 4:  1 1 2 2
    //         1 0 2 3
    private static readonly LabelImage Segmentation = new([1, 1, 2, 2, 1, 0, 2, 3], ImageShape.Of2D(2, 4));

    private static KeyValuePair<long, int> Paint(long voxel, int label) => new(voxel, label);

    [Fact]
    public void Each_segment_takes_the_most_painted_label_and_ties_go_to_the_smaller_id()
    {
        var votes = AnnotationProjection.MajorityVote(Segmentation,
        [
            Paint(0, 2), Paint(1, 2), Paint(4, 1), // segment 1: two votes for 2, one for 1
            Paint(2, 3), Paint(3, 1),               // segment 2: a tie between 1 and 3
            Paint(5, 4),                            // background: ignored
        ]);
        Assert.Equal(2, votes[1]);
        Assert.Equal(1, votes[2]);
        Assert.False(votes.ContainsKey(3));
        Assert.Equal(2, votes.Count);
    }

    [Fact]
    public void Erased_and_out_of_range_pixels_do_not_vote()
    {
        var votes = AnnotationProjection.MajorityVote(Segmentation, [Paint(0, 0), Paint(-1, 1), Paint(99, 1), Paint(7, 5)]);
        Assert.Equal(new Dictionary<uint, int> { [3] = 5 }, votes);
    }

    [Fact]
    public void The_annotation_column_follows_the_rows_index_and_unpainted_rows_get_zero()
    {
        var table = new MeasurementTable([new IntegerColumn("index", [3L, 1L, 2L])]);
        var column = AnnotationProjection.AnnotationColumn(table, new Dictionary<uint, int> { [1] = 2, [3] = 1 });
        Assert.Equal("annotation", column.Name);
        Assert.Equal(new long?[] { 1, 2, 0 }, column.Values);
    }
}
