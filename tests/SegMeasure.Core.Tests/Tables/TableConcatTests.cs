using SegMeasure.Core;
using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Tests.Tables;

public class TableConcatTests
{
    private static MeasurementTable Table(params TableColumn[] columns) => new(columns);

    [Fact]
    public void Rows_stack_in_order_under_a_leading_source_column()
    {
        var a = Table(new IntegerColumn("index", [1L, 2L]), new DoubleColumn("area", [10.5, 20]));
        var b = Table(new IntegerColumn("index", [7L]), new DoubleColumn("area", [3]));
        var combined = TableConcat.Concatenate([("a/seg.tif", a), ("b/seg.tif", b)]);

        Assert.Equal(["segmentation", "index", "area"], combined.ColumnNames);
        Assert.Equal(["a/seg.tif", "a/seg.tif", "b/seg.tif"], ((TextColumn)combined["segmentation"]).Values);
        Assert.Equal([1L, 2L, 7L], ((IntegerColumn)combined["index"]).Values.Cast<long>());
        Assert.Equal([10.5, 20, 3], ((DoubleColumn)combined["area"]).Values);
    }

    [Fact]
    public void Missing_columns_are_missing_values_and_integers_stay_integers()
    {
        var a = Table(new IntegerColumn("index", [1L]), new IntegerColumn("n_nuclei", [2L]));
        var b = Table(new IntegerColumn("index", [5L]), new DoubleColumn("extra", [0.25]));
        var combined = TableConcat.Concatenate([("a", a), ("b", b)]);

        Assert.Equal(["segmentation", "index", "n_nuclei", "extra"], combined.ColumnNames);
        var nuclei = Assert.IsType<IntegerColumn>(combined["n_nuclei"]);
        Assert.Equal(2L, nuclei[0]);
        Assert.Null(nuclei[1]);
        var extra = Assert.IsType<DoubleColumn>(combined["extra"]);
        Assert.True(double.IsNaN(extra[0]));
        Assert.Equal(0.25, extra[1]);
    }

    [Fact]
    public void Mixed_kinds_widen_to_double_or_text()
    {
        var a = Table(new IntegerColumn("v", [1L]), new IntegerColumn("w", [3L]));
        var b = Table(new DoubleColumn("v", [1.5]), new TextColumn("w", ["x"]));
        var combined = TableConcat.Concatenate([("a", a), ("b", b)]);
        Assert.Equal([1.0, 1.5], Assert.IsType<DoubleColumn>(combined["v"]).Values);
        Assert.Equal(["3", "x"], Assert.IsType<TextColumn>(combined["w"]).Values);
    }

    [Fact]
    public void Empty_tables_contribute_their_columns_but_no_rows()
    {
        var a = Table(new IntegerColumn("index", Array.Empty<long?>()), new DoubleColumn("area", []));
        var b = Table(new IntegerColumn("index", [3L]));
        var combined = TableConcat.Concatenate([("a", a), ("b", b)]);
        Assert.Equal(1, combined.RowCount);
        Assert.Equal(["segmentation", "index", "area"], combined.ColumnNames);
    }

    [Fact]
    public void A_table_that_already_has_the_source_column_is_refused()
    {
        var a = Table(new TextColumn("segmentation", ["x"]));
        var e = Assert.Throws<SegMeasureException>(() => TableConcat.Concatenate([("a.tif", a)]));
        Assert.Contains("a.tif", e.Message);
    }
}
