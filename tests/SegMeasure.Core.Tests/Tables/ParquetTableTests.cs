using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Tests.Tables;

/// <summary>Parquet tables: typed columns kept, read back by SegMeasure and by DuckDB's own reader.</summary>
public sealed class ParquetTableTests : IDisposable
{
    private readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static MeasurementTable Sample() => new([
        new IntegerColumn("index", new long?[] { 1, 2, 4_294_967_295, null }),
        new DoubleColumn("area", [2001.0, 0.1 + 0.2, double.NaN, -1e-300]),
        new TextColumn("well", ["A01", null, "Zellkern µm², \"quoted\", comma", ""]),
    ]);

    [Fact]
    public void Parquet_by_extension_keeps_integers_integers_and_values_exact()
    {
        var path = _dir.File("t.parquet");
        TableFile.Write(path, Sample());
        var back = TableFile.Read(path);
        Assert.Equal(["index", "area", "well"], back.ColumnNames);
        Assert.Equal([ColumnKind.Integer, ColumnKind.Double, ColumnKind.Text], back.Columns.Select(c => c.Kind));
        Assert.Equal(((IntegerColumn)Sample()["index"]).Values, ((IntegerColumn)back["index"]).Values);
        Assert.Equal(((DoubleColumn)Sample()["area"]).Values, ((DoubleColumn)back["area"]).Values); // NaN round-trips as missing
        Assert.Equal(((TextColumn)Sample()["well"]).Values, ((TextColumn)back["well"]).Values);
    }

    [Fact]
    public void DuckDB_reads_the_same_types_and_values()
    {
        var path = _dir.File("t.parquet");
        TableFile.Write(path, Sample());
        var types = DuckDb.Query($"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet({DuckDb.Literal(path)}))");
        Assert.Equal(["index BIGINT", "area DOUBLE", "well VARCHAR"], types.Select(r => $"{r[0]} {r[1]}"));
        var rows = DuckDb.Query($"SELECT \"index\", area, well FROM read_parquet({DuckDb.Literal(path)})");
        Assert.Equal(4, rows.Count);
        Assert.Equal(4_294_967_295L, rows[2][0]);
        Assert.Null(rows[3][0]);
        Assert.Equal(0.1 + 0.2, rows[1][1]);
        Assert.Null(rows[2][1]);
        Assert.Equal(-1e-300, rows[3][1]);
        Assert.Equal("Zellkern µm², \"quoted\", comma", rows[2][2]);
        Assert.Null(rows[1][2]);
    }

    [Fact]
    public void Tables_DuckDB_writes_read_as_typed_tables()
    {
        var path = _dir.File("duck.parquet");
        DuckDb.Query($"COPY (SELECT i::INTEGER AS label, i::SMALLINT AS small, (i / 4.0)::FLOAT AS ratio, i % 2 = 0 AS even, 'w' || i AS name FROM range(5) t(i)) TO {DuckDb.Literal(path)} (FORMAT PARQUET)");
        var table = TableFile.Read(path);
        Assert.Equal([ColumnKind.Integer, ColumnKind.Integer, ColumnKind.Double, ColumnKind.Integer, ColumnKind.Text], table.Columns.Select(c => c.Kind));
        Assert.Equal(new long?[] { 0, 1, 2, 3, 4 }, ((IntegerColumn)table["label"]).Values);
        Assert.Equal(new long?[] { 1, 0, 1, 0, 1 }, ((IntegerColumn)table["even"]).Values);
        Assert.Equal(0.75, table["ratio"].GetDouble(3));
    }

    [Fact]
    public void A_file_that_is_not_Parquet_is_an_error_naming_it()
    {
        var path = _dir.File("bad.parquet");
        File.WriteAllText(path, "index,area\n1,2\n");
        var e = Assert.Throws<SegMeasureException>(() => TableFile.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("Parquet", e.Message);
    }

    [Fact]
    public void Concatenating_Parquet_tables_widens_columns_and_adds_the_source()
    {
        var a = _dir.File("a.parquet");
        var b = _dir.File("b.csv");
        TableFile.Write(a, new MeasurementTable([new IntegerColumn("index", [1L, 2]), new IntegerColumn("n", [5L, 6])]));
        TableFile.Write(b, new MeasurementTable([new IntegerColumn("index", [3L]), new DoubleColumn("n", [0.5]), new TextColumn("extra", ["x"])]));
        var output = _dir.File("all.parquet");
        TableConcatFile.Write([a, b], output, "table", overwrite: false);
        var all = TableFile.Read(output);
        Assert.Equal(["table", "index", "n", "extra"], all.ColumnNames);
        Assert.Equal([ColumnKind.Text, ColumnKind.Integer, ColumnKind.Double, ColumnKind.Text], all.Columns.Select(c => c.Kind));
        Assert.Equal([5.0, 6.0, 0.5], ((DoubleColumn)all["n"]).Values);
        Assert.Equal([a, a, b], ((TextColumn)all["table"]).Values);
        Assert.Equal([null, null, "x"], ((TextColumn)all["extra"]).Values);
    }
}
