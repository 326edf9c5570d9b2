using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Tests.Tables;

public class RecordTableTests
{
    private static IReadOnlyList<KeyValuePair<string, object?>> Row(params (string, object?)[] cells) =>
        cells.Select(c => new KeyValuePair<string, object?>(c.Item1, c.Item2)).ToList();

    [Fact]
    public void Import_Csv_strings_become_typed_columns()
    {
        var table = RecordTable.FromRecords([
            Row(("index", "1"), ("area", "12.5"), ("label", "a"), ("n", "3")),
            Row(("index", "2"), ("area", ""), ("label", "b"), ("n", "-4")),
            Row(("index", "3"), ("area", "inf"), ("label", "7"), ("n", "")),
        ]);
        Assert.Equal(ColumnKind.Integer, table["index"].Kind);
        Assert.Equal(ColumnKind.Double, table["area"].Kind);
        Assert.Equal(ColumnKind.Text, table["label"].Kind);
        var n = Assert.IsType<IntegerColumn>(table["n"]);
        Assert.Equal([3L, -4L, null], n.Values);
        Assert.True(double.IsNaN(table["area"].GetDouble(1)));
        Assert.Equal(double.PositiveInfinity, table["area"].GetDouble(2));
        Assert.Equal("7", table["label"].GetValue(2));
    }

    [Fact]
    public void Mixed_integers_and_doubles_widen_to_double_and_absent_properties_are_missing()
    {
        var table = RecordTable.FromRecords([
            Row(("index", 1L), ("area", 3)),
            Row(("index", 2L), ("area", 2.5), ("extra", "x")),
        ]);
        Assert.Equal(["index", "area", "extra"], table.ColumnNames);
        Assert.Equal(ColumnKind.Double, table["area"].Kind);
        Assert.Equal(3.0, table["area"].GetDouble(0));
        Assert.True(table["extra"].IsMissing(0));
    }
}
