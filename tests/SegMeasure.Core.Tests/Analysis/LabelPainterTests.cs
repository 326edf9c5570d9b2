using SegMeasure.Core.Analysis;
using SegMeasure.Core.Images;
using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Tests.Analysis;

public class LabelPainterTests
{
    [Fact]
    public void Each_segment_takes_its_rows_value_and_the_rest_becomes_zero()
    {
        var seg = new LabelImage([0, 1, 1, 2, 3, 3, 4, 9], ImageShape.Of2D(2, 4), storedType: PixelType.UInt16);
        var table = new MeasurementTable([
            new IntegerColumn("index", [1L, 2L, 3L, 4L]),
            new IntegerColumn("cluster_id", [2L, -1L, 5L, null]),
        ]);
        var painted = LabelPainter.Paint(seg, table, "cluster_id");
        Assert.Equal(new uint[] { 0, 2, 2, 0, 5, 5, 0, 0 }, painted.Data);
        Assert.Equal(PixelType.UInt16, painted.StoredType);
        Assert.Equal(seg.Shape, painted.Shape);
    }
}
