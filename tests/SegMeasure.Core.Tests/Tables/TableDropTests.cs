using SegMeasure.Core;
using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Tests.Tables;

public class TableDropTests
{
    private static readonly MeasurementTable Table = new([
        new IntegerColumn("index", [1L, 2L]),
        new DoubleColumn("mean_intensity", [1, 2]),
        new DoubleColumn("std_intensity", [0.5, 0.25]),
        new DoubleColumn("max_intensity", [3, 4]),
    ]);

    [Fact]
    public void Named_columns_go_and_the_rest_keep_their_order()
    {
        var dropped = TableDrop.Drop(Table, ["std_intensity", "mean_intensity"]);
        Assert.Equal(["index", "max_intensity"], dropped.ColumnNames);
        Assert.Equal([3.0, 4], ((DoubleColumn)dropped["max_intensity"]).Values);
        Assert.Equal(4, Table.ColumnCount); // the input is unchanged
    }

    [Fact]
    public void Nothing_to_drop_returns_the_same_columns()
    {
        Assert.Equal(Table.ColumnNames, TableDrop.Drop(Table, []).ColumnNames);
    }

    [Fact]
    public void The_index_is_protected()
    {
        var e = Assert.Throws<SegMeasureException>(() => TableDrop.Drop(Table, ["std_intensity", "index"]));
        Assert.Equal("SegMeasure.ProtectedColumn", e.ErrorId);
        Assert.Contains("'index'", e.Message);
    }

    [Fact]
    public void Unknown_columns_are_an_error_naming_them()
    {
        var e = Assert.Throws<SegMeasureException>(() => TableDrop.Drop(Table, ["std_intensity", "nope", "gone"], "combined.csv"));
        Assert.Equal("SegMeasure.UnknownColumn", e.ErrorId);
        Assert.Contains("'nope', 'gone'", e.Message);
        Assert.Contains("combined.csv", e.Message);
    }
}
