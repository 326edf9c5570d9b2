using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Tests.Tables;

/// <summary>
/// A combined table written as a stream equals the same tables concatenated in memory and written
/// in one go: byte for byte for CSV and TSV, value for value and type for type for Parquet (read
/// back by DuckDB), also when later tables bring new columns or wider kinds.
/// </summary>
public sealed class CombinedTableWriterTests : IDisposable
{
    private readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static MeasurementTable Table(params TableColumn[] columns) => new(columns);

    private static MeasurementTable Rows(int first, int count) => Table(
        new IntegerColumn("index", Enumerable.Range(first, count).Select(i => (long)i)),
        new DoubleColumn("area", Enumerable.Range(first, count).Select(i => i * 0.25).ToArray()),
        new TextColumn("well", Enumerable.Range(first, count).Select(i => i % 7 == 0 ? null : i % 5 == 0 ? "A, \"quoted\"" : "B" + i).ToArray()));

    /// <summary>Tables of one sweep: the same columns throughout.</summary>
    private static List<(string, MeasurementTable)> Uniform() =>
        [("p/a.tif", Rows(1, 3)), ("p/b.tif", Rows(4, 0)), ("p/c.tif", Rows(4, 5))];

    /// <summary>Tables whose columns change: a column missing, integers then doubles, numbers then text, a new column late, a table without rows first.</summary>
    private static List<(string, MeasurementTable)> Changing() =>
    [
        ("a", Table(new IntegerColumn("index", Array.Empty<long?>()), new IntegerColumn("n", Array.Empty<long?>()))),
        ("b", Table(new IntegerColumn("index", [1L, 2L]), new IntegerColumn("n", [5L, null]), new DoubleColumn("x", [1.5, double.NaN]))),
        ("c", Table(new IntegerColumn("index", [3L]), new DoubleColumn("n", [0.1]))),
        ("d", Table(new IntegerColumn("index", [4L]), new IntegerColumn("x", [7L]))),
        ("e", Table(new TextColumn("index", ["five"]), new TextColumn("late", ["new, column"]))),
        ("f", Table(new IntegerColumn("index", [6L]))),
    ];

    private string Streamed(string name, List<(string, MeasurementTable)> tables, out int rewrites)
    {
        var path = _dir.File(name);
        using var writer = new CombinedTableWriter(path, overwrite: false);
        foreach (var (source, table) in tables) writer.Add(source, table);
        writer.Commit();
        rewrites = writer.Rewrites;
        return path;
    }

    private string InMemory(string name, List<(string, MeasurementTable)> tables)
    {
        var path = _dir.File(name);
        TableFile.Write(path, TableConcat.Concatenate(tables));
        return path;
    }

    [Theory]
    [InlineData("csv", false)]
    [InlineData("tsv", false)]
    [InlineData("csv", true)]
    [InlineData("tsv", true)]
    public void Delimited_tables_are_byte_for_byte_what_the_in_memory_table_writes(string extension, bool changing)
    {
        var tables = changing ? Changing() : Uniform();
        var streamed = Streamed("streamed." + extension, tables, out int rewrites);
        var expected = InMemory("memory." + extension, tables);

        Assert.Equal(File.ReadAllBytes(expected), File.ReadAllBytes(streamed));
        // The changing tables widen twice (n, x), then make text and a new column, and the last fits.
        Assert.Equal(changing ? 3 : 0, rewrites);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Parquet_tables_have_the_in_memory_table_s_values_and_types_as_DuckDB_reads_them(bool changing)
    {
        var tables = changing ? Changing() : Uniform();
        if (!changing)
        {
            // Enough rows for several row groups, in tables that do not line up with them.
            tables.Clear();
            for (int t = 0; t < 9; t++) tables.Add(($"plate/{t:D2}.tif", Rows(t * 40_000, 40_000 + t)));
        }

        var streamed = Streamed("streamed.parquet", tables, out _);
        var expected = InMemory("memory.parquet", tables);

        string Types(string path) => string.Join(",", DuckDb.Query($"DESCRIBE SELECT * FROM read_parquet({DuckDb.Literal(path)})").Select(r => $"{r[0]}:{r[1]}"));
        List<object?[]> All(string path) => DuckDb.Query($"SELECT * EXCLUDE (file_row_number) FROM read_parquet({DuckDb.Literal(path)}, file_row_number = true) ORDER BY file_row_number");
        Assert.Equal(Types(expected), Types(streamed));
        var want = All(expected);
        var got = All(streamed);
        Assert.Equal(tables.Sum(t => t.Item2.RowCount), got.Count);
        Assert.Equal(want.Count, got.Count);
        for (int r = 0; r < want.Count; r++) Assert.Equal(want[r], got[r]);
        if (!changing)
        {
            var groups = DuckDb.Query($"SELECT row_group_id, max(row_group_num_rows) FROM parquet_metadata({DuckDb.Literal(streamed)}) GROUP BY 1 ORDER BY 1");
            Assert.Equal(ParquetTableFormat.RowGroupRows, Convert.ToInt64(groups[0][1]));
            Assert.Equal((want.Count + ParquetTableFormat.RowGroupRows - 1) / ParquetTableFormat.RowGroupRows, groups.Count);
        }
    }

    [Fact]
    public void Xlsx_is_held_and_written_on_commit_with_the_same_table()
    {
        var tables = Changing();
        var streamed = TableFile.Read(Streamed("streamed.xlsx", tables, out _));
        var expected = TableFile.Read(InMemory("memory.xlsx", tables));
        Assert.Equal(expected.Columns.Select(c => (c.Name, c.Kind)), streamed.Columns.Select(c => (c.Name, c.Kind)));
        for (int c = 0; c < expected.ColumnCount; c++)
            Assert.Equal(Enumerable.Range(0, expected.RowCount).Select(expected.Columns[c].GetValue), Enumerable.Range(0, streamed.RowCount).Select(streamed.Columns[c].GetValue));
    }

    [Theory]
    [InlineData("t.csv")]
    [InlineData("t.parquet")]
    public void Nothing_appears_until_commit_and_an_abandoned_table_leaves_no_file(string name)
    {
        var path = _dir.File(name);
        using (var writer = new CombinedTableWriter(path, overwrite: false))
        {
            writer.Add("a", Rows(1, 1000));
            writer.Add("b", Table(new IntegerColumn("index", [1L]), new TextColumn("area", ["wider"])));
            Assert.False(File.Exists(path));
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir.Path));
    }

    [Fact]
    public void A_table_with_the_source_column_is_refused_as_in_memory()
    {
        using var writer = new CombinedTableWriter(_dir.File("t.csv"), overwrite: false);
        var e = Assert.Throws<SegMeasureException>(() => writer.Add("x.tif", Table(new TextColumn("segmentation", ["s"]))));
        Assert.Equal("SegMeasure.DuplicateColumn", e.ErrorId);
    }

    [Fact]
    public void An_existing_output_is_refused_unless_overwritten()
    {
        var path = _dir.File("t.csv");
        File.WriteAllText(path, "old");
        Assert.Throws<OutputExistsException>(() => new CombinedTableWriter(path, overwrite: false));
        using (var writer = new CombinedTableWriter(path, overwrite: true))
        {
            writer.Add("a", Rows(1, 2));
            Assert.Equal("old", File.ReadAllText(path));
            writer.Commit();
        }

        Assert.StartsWith("segmentation,index,area,well\na,1,0.25,B1\n", File.ReadAllText(path));
    }
}
