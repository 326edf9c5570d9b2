using System.Text;
using SegMeasure.Core;
using SegMeasure.Core.Tables;
using SegMeasure.Core.Tests.Batch;

namespace SegMeasure.Core.Tests.Tables;

public class TableFileTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private string PathOf(string name) => Path.Combine(_tree.Root, name);

    /// <summary>A table exercising every spelling problem: tiny and huge numbers, missing values, infinities, awkward text.</summary>
    internal static MeasurementTable Awkward() => new([
        new IntegerColumn("index", [1L, 2L, 3L, 4L, 5L, 6L]),
        // (not near long.MinValue: pandas reads those as NaN in a column with gaps)
        new IntegerColumn("n_nuclei", [0L, null, 9007199254740993L, long.MaxValue, -4611686018427387904L, -7L]),
        new DoubleColumn("value", [0.1, 1e-300, 5e-324, double.NaN, double.PositiveInfinity, double.NegativeInfinity]),
        new DoubleColumn("whole", [1.0, -0.0, 1e16, 123456789012345680, double.MaxValue, 2.5]),
        new TextColumn("name", ["plain", "comma, inside", "quote \"x\"", "línea\nnueva", null, " Zellkern ✓ 核"]),
    ]);

    internal static void AssertSameTable(MeasurementTable expected, MeasurementTable actual)
    {
        Assert.Equal(expected.ColumnNames, actual.ColumnNames);
        Assert.Equal(expected.RowCount, actual.RowCount);
        for (int c = 0; c < expected.ColumnCount; c++)
        {
            Assert.Equal(expected.Columns[c].Kind, actual.Columns[c].Kind);
            for (int r = 0; r < expected.RowCount; r++)
            {
                var e = expected.Columns[c].GetValue(r);
                var a = actual.Columns[c].GetValue(r);
                if (e is double de && a is double da)
                    Assert.True(BitConverter.DoubleToInt64Bits(de) == BitConverter.DoubleToInt64Bits(da) || (double.IsNaN(de) && double.IsNaN(da)),
                        $"column {expected.Columns[c].Name} row {r}: expected {de:R}, got {da:R}");
                else Assert.Equal(e, a);
            }
        }
    }

    [Theory]
    [InlineData("t.csv")]
    [InlineData("t.tsv")]
    public void Long_tables_formatted_in_pieces_on_every_core_are_written_in_row_order(string name)
    {
        // 30 000 rows: several pieces, several batches of pieces, and a last piece of its own length.
        const int Repeats = 5_000;
        var awkward = Awkward();
        var columns = awkward.Columns.Select(c => c switch
        {
            IntegerColumn ints => (TableColumn)new IntegerColumn(c.Name, Enumerable.Range(0, Repeats).SelectMany(_ => Enumerable.Range(0, 6).Select(r => ints[r])).ToArray()),
            DoubleColumn doubles => new DoubleColumn(c.Name, Enumerable.Range(0, Repeats).SelectMany(_ => Enumerable.Range(0, 6).Select(r => doubles[r])).ToArray()),
            _ => new TextColumn(c.Name, Enumerable.Range(0, Repeats).SelectMany(_ => Enumerable.Range(0, 6).Select(r => (string?)c.GetValue(r))).ToArray()),
        }).ToList();
        TableFile.Write(PathOf("short" + Path.GetExtension(name)), awkward);
        TableFile.Write(PathOf(name), new MeasurementTable(columns));

        var shortText = File.ReadAllText(PathOf("short" + Path.GetExtension(name)));
        int header = shortText.IndexOf('\n') + 1;
        var expected = shortText[..header] + string.Concat(Enumerable.Repeat(shortText[header..], Repeats));
        Assert.Equal(expected, File.ReadAllText(PathOf(name)));
    }

    [Theory]
    [InlineData("t.csv")]
    [InlineData("t.tsv")]
    [InlineData("t.xlsx")]
    [InlineData("t.CSV")]
    [InlineData("t.txt")]
    [InlineData("no_extension")]
    public void Round_trips_are_exact(string name)
    {
        var path = PathOf(name);
        TableFile.Write(path, Awkward());
        AssertSameTable(Awkward(), TableFile.Read(path));
    }

    [Fact]
    public void Csv_text_is_what_pandas_writes()
    {
        var path = PathOf("t.csv");
        TableFile.Write(path, Awkward());
        var text = File.ReadAllText(path, Encoding.UTF8);
        Assert.Equal(
            "index,n_nuclei,value,whole,name\n" +
            "1,0,0.1,1.0,plain\n" +
            "2,,1e-300,-0.0,\"comma, inside\"\n" +
            "3,9007199254740993,5e-324,1e+16,\"quote \"\"x\"\"\"\n" +
            "4,9223372036854775807,,1.2345678901234568e+17,\"línea\nnueva\"\n" +
            "5,-4611686018427387904,inf,1.7976931348623157e+308,\n" +
            "6,-7,-inf,2.5,\" Zellkern ✓ 核\"\n", text);
        Assert.NotEqual(0xEF, File.ReadAllBytes(path)[0]); // no byte order mark
    }

    [Theory]
    [InlineData("w.csv")]
    [InlineData("w.xlsx")]
    public void Whole_doubles_stay_doubles_and_integers_with_gaps_stay_integers(string name)
    {
        var table = new MeasurementTable([new DoubleColumn("area", [1, 2, -0.0]), new IntegerColumn("n", [1L, null, 3L])]);
        TableFile.Write(PathOf(name), table);
        AssertSameTable(table, TableFile.Read(PathOf(name)));
    }

    [Fact]
    public void Tsv_uses_tabs()
    {
        var path = PathOf("t.tsv");
        TableFile.Write(path, new MeasurementTable([new IntegerColumn("index", [1L]), new TextColumn("a,b", ["x,y"])]));
        Assert.Equal("index\ta,b\n1\tx,y\n", File.ReadAllText(path));
    }

    [Fact]
    public void A_single_column_with_a_missing_value_keeps_its_row()
    {
        var path = PathOf("t.csv");
        var table = new MeasurementTable([new DoubleColumn("area", [1.5, double.NaN, 2])]);
        TableFile.Write(path, table);
        AssertSameTable(table, TableFile.Read(path));
    }

    [Fact]
    public void Reading_infers_types_as_pandas_does()
    {
        var path = PathOf("in.csv");
        File.WriteAllText(path, "\uFEFFindex,area,label,flag,mixed,empty\n1,1.5,a,NA,1,\n2,2,b,,x,\n3,1e3,NaN,null,2.5,\n");
        var table = TableFile.Read(path);
        Assert.Equal(["index", "area", "label", "flag", "mixed", "empty"], table.ColumnNames);
        Assert.Equal([1L, 2L, 3L], Assert.IsType<IntegerColumn>(table["index"]).Values.Cast<long>());
        Assert.Equal([1.5, 2, 1000], Assert.IsType<DoubleColumn>(table["area"]).Values);
        Assert.Equal(["a", "b", null], Assert.IsType<TextColumn>(table["label"]).Values);
        Assert.All(Assert.IsType<DoubleColumn>(table["flag"]).Values, v => Assert.True(double.IsNaN(v)));
        Assert.Equal(["1", "x", "2.5"], Assert.IsType<TextColumn>(table["mixed"]).Values);
        Assert.IsType<DoubleColumn>(table["empty"]);
    }

    [Fact]
    public void A_column_that_turns_out_to_be_text_keeps_every_cell_as_written()
    {
        var path = PathOf("late.csv");
        var lines = Enumerable.Range(0, 500).Select(i => $"{i},{i}.50,{(i % 7 == 0 ? "" : "007")}").Append("500,n/a,well A1");
        File.WriteAllText(path, "index,v,w\n" + string.Join("\n", lines) + "\n");
        var table = TableFile.Read(path);
        Assert.Equal(501, table.RowCount);
        var v = Assert.IsType<DoubleColumn>(table["v"]);
        Assert.Equal(0.5, v[0]);
        Assert.True(double.IsNaN(v[500]));
        var w = Assert.IsType<TextColumn>(table["w"]);
        Assert.Null(w[0]);
        Assert.Equal("007", w[1]);
        Assert.Equal("well A1", w[500]);
    }

    [Fact]
    public void A_header_only_file_is_an_empty_table()
    {
        var path = PathOf("in.csv");
        File.WriteAllText(path, "index,area\n");
        var table = TableFile.Read(path);
        Assert.Equal(["index", "area"], table.ColumnNames);
        Assert.Equal(0, table.RowCount);
    }

    [Theory]
    [InlineData("index,area\n1,2\n3\n", "line 3")]
    [InlineData("index,area\n1,2,3\n", "line 2")]
    [InlineData("index,area,index\n1,2,3\n", "'index'")]
    [InlineData("", "empty")]
    public void Bad_delimited_files_are_errors_naming_the_file(string content, string detail)
    {
        var path = PathOf("bad.csv");
        File.WriteAllText(path, content);
        var e = Assert.Throws<SegMeasureException>(() => TableFile.Read(path));
        Assert.Equal("SegMeasure.TableFormat", e.ErrorId);
        Assert.Contains(path, e.Message);
        Assert.Contains(detail, e.Message);
    }

    [Fact]
    public void An_unreadable_workbook_is_an_error_naming_the_file()
    {
        var path = PathOf("bad.xlsx");
        File.WriteAllText(path, "index,area\n1,2\n");
        var e = Assert.Throws<SegMeasureException>(() => TableFile.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Equal(path, e.Path);
    }

    [Fact]
    public void A_missing_file_is_an_error_naming_it()
    {
        var e = Assert.Throws<SegMeasureException>(() => TableFile.Read(PathOf("nope.csv")));
        Assert.Equal(ErrorKind.NotFound, e.Kind);
        Assert.Contains("nope.csv", e.Message);
    }

    [Fact]
    public void Existing_files_are_kept_unless_overwrite_is_asked()
    {
        var path = PathOf("t.csv");
        File.WriteAllText(path, "precious");
        Assert.Throws<OutputExistsException>(() => TableFile.Write(path, Awkward()));
        Assert.Equal("precious", File.ReadAllText(path));
        TableFile.Write(path, Awkward(), overwrite: true);
        AssertSameTable(Awkward(), TableFile.Read(path));
        Assert.Single(Directory.GetFiles(_tree.Root)); // no temporary file left behind
    }

    [Fact]
    public void Writing_into_a_missing_folder_is_an_error()
    {
        var e = Assert.Throws<SegMeasureException>(() => TableFile.Write(PathOf(Path.Combine("missing", "t.csv")), Awkward()));
        Assert.Equal(ErrorKind.WriteError, e.Kind);
    }

    [Fact]
    public void Empty_tables_round_trip()
    {
        var table = new MeasurementTable([new IntegerColumn("index", Array.Empty<long?>()), new DoubleColumn("area", [])]);
        foreach (var name in new[] { "e.csv", "e.xlsx" })
        {
            TableFile.Write(PathOf(name), table);
            var read = TableFile.Read(PathOf(name));
            Assert.Equal(["index", "area"], read.ColumnNames);
            Assert.Equal(0, read.RowCount);
        }
    }
}
