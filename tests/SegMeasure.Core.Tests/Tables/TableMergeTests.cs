using SegMeasure.Core;
using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Tests.Tables;

public class TableMergeTests
{
    [Theory]
    [InlineData("partial_overlap", 2)]
    [InlineData("three_tables", 3)]
    [InlineData("empty_table", 2)]
    public void Merging_matches_pandas(string name, int inputs)
    {
        // Inputs and expected results were written by pandas (tests/reference/tables/make_merge_cases.py).
        var folder = TableTestSupport.Reference(Path.Combine("merge", name));
        var tables = Enumerable.Range(1, inputs).Select(i => TableFile.Read(Path.Combine(folder, $"input_{i}.csv"))).ToList();
        var expected = TableFile.Read(Path.Combine(folder, "expected.csv"));

        var merged = TableMerge.Merge(tables);

        Assert.Equal(expected.ColumnNames, merged.ColumnNames);
        Assert.Equal(expected.RowCount, merged.RowCount);
        foreach (var column in expected.Columns)
            for (int r = 0; r < expected.RowCount; r++)
            {
                if (column is TextColumn text) Assert.Equal(text[r], ((TextColumn)merged[column.Name])[r]);
                else Assert.Equal(column.GetDouble(r), merged[column.Name].GetDouble(r)); // NaN equals NaN here
            }
    }

    [Fact]
    public void Integer_columns_stay_integers_with_gaps_where_pandas_would_turn_them_into_floats()
    {
        var folder = TableTestSupport.Reference(Path.Combine("merge", "partial_overlap"));
        var merged = TableMerge.Merge([TableFile.Read(Path.Combine(folder, "input_1.csv")), TableFile.Read(Path.Combine(folder, "input_2.csv"))]);
        var max = Assert.IsType<IntegerColumn>(merged["max_intensity"]);
        Assert.Equal([12L, 25L, 31L, 60L, null], max.Values);
        Assert.IsType<IntegerColumn>(merged["index"]);
    }

    private static MeasurementTable T(params TableColumn[] columns) => new(columns);

    [Fact]
    public void Overlapping_columns_are_an_error_naming_them_and_both_tables()
    {
        var a = T(new IntegerColumn("index", [1L]), new DoubleColumn("area", [1]), new DoubleColumn("solidity", [1]));
        var b = T(new IntegerColumn("index", [1L]), new DoubleColumn("solidity", [1]), new DoubleColumn("area", [2]));
        var e = Assert.Throws<SegMeasureException>(() => TableMerge.Merge([("morph.csv", a), ("other.csv", b)]));
        Assert.Equal("SegMeasure.ColumnConflict", e.ErrorId);
        Assert.Contains("'solidity', 'area'", e.Message);
        Assert.Contains("morph.csv", e.Message);
        Assert.Contains("other.csv", e.Message);
    }

    [Fact]
    public void A_missing_key_is_an_error_naming_the_table()
    {
        var a = T(new IntegerColumn("index", [1L]));
        var b = T(new IntegerColumn("label", [1L]));
        var e = Assert.Throws<SegMeasureException>(() => TableMerge.Merge([("a.csv", a), ("b.csv", b)]));
        Assert.Equal("SegMeasure.MissingKey", e.ErrorId);
        Assert.Contains("b.csv", e.Message);
        Assert.Contains("'index'", e.Message);
        Assert.Contains("table 2", Assert.Throws<SegMeasureException>(() => TableMerge.Merge([a, b])).Message);
    }

    [Fact]
    public void Another_key_column_can_be_named()
    {
        var a = T(new IntegerColumn("label", [2L, 1L]), new DoubleColumn("x", [2, 1]));
        var b = T(new IntegerColumn("label", [1L]), new DoubleColumn("y", [10]));
        var merged = TableMerge.Merge([a, b], on: "label");
        Assert.Equal(["label", "x", "y"], merged.ColumnNames);
        Assert.Equal([1L, 2L], ((IntegerColumn)merged["label"]).Values.Cast<long>());
        Assert.Equal([10, double.NaN], ((DoubleColumn)merged["y"]).Values);
    }

    [Fact]
    public void Fewer_than_two_tables_is_an_error()
    {
        Assert.Equal("SegMeasure.MergeNeedsTwo", Assert.Throws<SegMeasureException>(() => TableMerge.Merge([T(new IntegerColumn("index", [1L]))])).ErrorId);
    }

    [Fact]
    public void Duplicate_or_missing_keys_are_errors_rather_than_multiplied_rows()
    {
        var ok = T(new IntegerColumn("index", [1L]));
        var twice = T(new IntegerColumn("index", [1L, 1L]), new DoubleColumn("v", [1, 2]));
        Assert.Equal("SegMeasure.DuplicateKey", Assert.Throws<SegMeasureException>(() => TableMerge.Merge([ok, twice])).ErrorId);
        var gap = T(new IntegerColumn("index", [1L, null]), new DoubleColumn("v", [1, 2]));
        Assert.Equal("SegMeasure.MissingKeyValue", Assert.Throws<SegMeasureException>(() => TableMerge.Merge([ok, gap])).ErrorId);
    }

    [Fact]
    public void Integer_and_double_keys_join_by_value_but_text_and_numbers_do_not_mix()
    {
        var a = T(new IntegerColumn("index", [3L, 1L]), new DoubleColumn("x", [3, 1]));
        var b = T(new DoubleColumn("index", [1.0, 2.0]), new DoubleColumn("y", [10, 20]));
        var merged = TableMerge.Merge([a, b]);
        Assert.Equal([1.0, 2, 3], ((DoubleColumn)merged["index"]).Values);
        Assert.Equal([1, double.NaN, 3], ((DoubleColumn)merged["x"]).Values);

        var text = T(new TextColumn("index", ["1"]), new DoubleColumn("z", [0]));
        Assert.Equal("SegMeasure.KeyTypeMismatch", Assert.Throws<SegMeasureException>(() => TableMerge.Merge([a, text])).ErrorId);
    }

    [Fact]
    public void Text_keys_sort_ordinally()
    {
        var a = T(new TextColumn("index", ["b", "B", "a"]), new DoubleColumn("x", [1, 2, 3]));
        var b = T(new TextColumn("index", ["c"]), new DoubleColumn("y", [4]));
        Assert.Equal(["B", "a", "b", "c"], ((TextColumn)TableMerge.Merge([a, b])["index"]).Values);
    }

    [Fact]
    public void Two_empty_tables_merge_to_an_empty_table()
    {
        var a = T(new IntegerColumn("index", Array.Empty<long?>()), new DoubleColumn("x", []));
        var b = T(new DoubleColumn("index", []), new DoubleColumn("y", []));
        var merged = TableMerge.Merge([a, b]);
        Assert.Equal(0, merged.RowCount);
        Assert.Equal(["index", "x", "y"], merged.ColumnNames);
    }

    [Fact]
    public void Combine_drops_columns_from_one_table_or_from_the_merge_of_several()
    {
        var a = T(new IntegerColumn("index", [1L, 2L]), new DoubleColumn("x", [1.0, 2.0]), new DoubleColumn("w", [5.0, 6.0]));
        var b = T(new IntegerColumn("index", [2L, 3L]), new DoubleColumn("y", [3.0, 4.0]));

        var single = TableMerge.Combine([("a.csv", a)], "index", ["w"]);
        Assert.Equal(["index", "x"], single.ColumnNames);

        var merged = TableMerge.Combine([("a.csv", a), ("b.csv", b)], "index", ["w"]);
        Assert.Equal(["index", "x", "y"], merged.ColumnNames);
        Assert.Equal(3, merged.RowCount);

        var e = Assert.Throws<SegMeasureException>(() => TableMerge.Combine([("a.csv", a)], "index", ["index"]));
        Assert.Contains("index", e.Message);
    }
}
