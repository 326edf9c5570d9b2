using SegMeasure.Core;
using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Tests.Tables;

public class MeasurementTableTests
{
    private static MeasurementTable Sample() => new([
        new IntegerColumn("index", [1L, 2L, 5L]),
        new DoubleColumn("area", [3.0, double.NaN, 7.5]),
        new TextColumn("name", ["a", null, "c"]),
    ]);

    [Fact]
    public void Rows_keep_column_order_and_types()
    {
        var row = Sample().GetRow(2).ToList();
        Assert.Equal(["index", "area", "name"], row.Select(p => p.Key));
        Assert.Equal(5L, row[0].Value);
        Assert.Equal(7.5, row[1].Value);
        Assert.Equal("c", row[2].Value);
    }

    [Fact]
    public void Take_with_minus_one_gives_missing_values_and_keeps_integers_integers()
    {
        var taken = Sample().TakeRows([2, -1]);
        var index = Assert.IsType<IntegerColumn>(taken["index"]);
        Assert.Equal([5L, null], index.Values);
        Assert.True(taken["area"].IsMissing(1));
        Assert.True(taken["name"].IsMissing(1));
    }

    [Fact]
    public void Duplicate_and_unknown_column_names_are_errors()
    {
        Assert.Throws<SegMeasureException>(() => new MeasurementTable([new DoubleColumn("a", [1.0]), new DoubleColumn("a", [2.0])]));
        var e = Assert.Throws<SegMeasureException>(() => Sample()["volume"]);
        Assert.Contains("volume", e.Message);
    }
}
