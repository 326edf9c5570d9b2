using System.Globalization;
using System.Text.Json;
using SegMeasure.Core.Tables;
using SegMeasure.Core.Tests.Batch;

namespace SegMeasure.Core.Tests.Tables;

/// <summary>Our files opened by independent readers (pandas, LibreOffice) and theirs opened by us.</summary>
public class TableInteropTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private string PathOf(string name) => Path.Combine(_tree.Root, name);

    // Prints, per column, pandas' dtype and each value as repr (floats) or str, as JSON.
    private const string PandasDump = """
        import json, math, sys
        import pandas as pd
        path = sys.argv[1]
        if path.endswith('.tsv'):
            df = pd.read_csv(path, sep='\t')
        else:
            df = pd.read_csv(path)
        out = []
        for name in df.columns:
            col = df[name]
            vals = []
            for v in col.tolist():
                if isinstance(v, float):
                    vals.append(None if math.isnan(v) else repr(v))
                else:
                    vals.append(str(v))
            out.append({'name': name, 'dtype': str(col.dtype), 'values': vals})
        print(json.dumps(out))
        """;

    [Theory]
    [InlineData("t.csv")]
    [InlineData("t.tsv")]
    public void Pandas_reads_our_files_with_the_same_values(string name)
    {
        if (!TableTestSupport.HasPandas) return; // pandas absent: CI installs it
        var table = TableFileTests.Awkward();
        var path = PathOf(name);
        TableFile.Write(path, table);
        Assert.True(TableTestSupport.Run(TableTestSupport.Python, ["-c", PandasDump, path], out var json, out var error) == 0, error);

        var columns = JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();
        Assert.Equal(table.ColumnNames, columns.Select(c => c.GetProperty("name").GetString()));
        var expectedDtypes = new[] { "int64", "float64", "float64", "float64", "object" }; // pandas turns an integer column with a gap into float
        Assert.Equal(expectedDtypes, columns.Select(c => c.GetProperty("dtype").GetString()));
        for (int c = 0; c < table.ColumnCount; c++)
        {
            var values = columns[c].GetProperty("values").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? null : v.GetString()).ToList();
            for (int r = 0; r < table.RowCount; r++)
            {
                var ours = table.Columns[c].GetValue(r);
                var theirs = values[r];
                switch (ours)
                {
                    case null: Assert.Null(theirs); break;
                    case double d when double.IsNaN(d): Assert.Null(theirs); break;
                    case double d: Assert.Equal(d, ParsePython(theirs!)); break;
                    case long l when table.Columns[c].Name == "n_nuclei":
                        // As float64, pandas holds the nearest double of each integer.
                        Assert.Equal((double)l, ParsePython(theirs!)); break;
                    case long l: Assert.Equal(l.ToString(CultureInfo.InvariantCulture), theirs); break;
                    case string s: Assert.Equal(s, theirs); break;
                }
            }
        }
    }

    [Fact]
    public void We_read_what_pandas_writes()
    {
        if (!TableTestSupport.HasPandas) return;
        var path = PathOf("pandas.csv");
        const string script = """
            import sys, numpy as np, pandas as pd
            df = pd.DataFrame({'index': [3, 1, 2],
                               'area': [0.1, np.nan, 1e-300],
                               'ratio': [np.inf, -np.inf, 2.0],
                               'name': ['a, "b"', None, 'ü'],
                               'count': [1, 2, 3]})
            df.to_csv(sys.argv[1], index=False)
            """;
        Assert.True(TableTestSupport.Run(TableTestSupport.Python, ["-c", script, path], out _, out var error) == 0, error);
        var table = TableFile.Read(path);
        Assert.Equal([3L, 1L, 2L], Assert.IsType<IntegerColumn>(table["index"]).Values.Cast<long>());
        var area = Assert.IsType<DoubleColumn>(table["area"]);
        Assert.Equal(0.1, area[0]);
        Assert.True(double.IsNaN(area[1]));
        Assert.Equal(1e-300, area[2]);
        Assert.Equal([double.PositiveInfinity, double.NegativeInfinity, 2.0], Assert.IsType<DoubleColumn>(table["ratio"]).Values);
        Assert.Equal(["a, \"b\"", null, "ü"], Assert.IsType<TextColumn>(table["name"]).Values);
        Assert.IsType<IntegerColumn>(table["count"]);
    }

    [Fact]
    public void LibreOffice_reads_our_workbook_with_the_same_values()
    {
        var table = TableFileTests.Awkward();
        var xlsx = PathOf("sheet.xlsx");
        TableFile.Write(xlsx, table);
        var outDir = Directory.CreateDirectory(PathOf("lo")).FullName;
        var csv = TableTestSupport.ConvertWithLibreOffice(xlsx, outDir);
        if (csv is null) return; // LibreOffice absent: CI installs it

        var lines = ReadCsvRecords(csv);
        Assert.Equal(table.ColumnNames, lines[0]);
        Assert.Equal(table.RowCount + 1, lines.Count);
        for (int r = 0; r < table.RowCount; r++)
            for (int c = 0; c < table.ColumnCount; c++)
            {
                var cell = lines[r + 1][c];
                switch (table.Columns[c].GetValue(r))
                {
                    case null: Assert.Equal("", cell); break;
                    case double d when double.IsNaN(d): Assert.Equal("", cell); break;
                    case double d when double.IsInfinity(d): Assert.Equal(d > 0 ? "inf" : "-inf", cell); break;
                    // LibreOffice shows numbers with at most 15 significant digits; spreadsheets hold doubles.
                    case double d: AssertClose(d, cell); break;
                    case long l: AssertClose(l, cell); break;
                    case string s: Assert.Equal(s, cell); break;
                }
            }
    }

    private static void AssertClose(double expected, string cell)
    {
        var actual = double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (expected == 0 || Math.Abs(expected) < 1e-307) Assert.True(Math.Abs(actual - expected) <= 1e-307, $"{cell} vs {expected:R}");
        else Assert.True(Math.Abs(actual - expected) <= 1e-14 * Math.Abs(expected), $"{cell} vs {expected:R}");
    }

    private static List<string[]> ReadCsvRecords(string path)
    {
        using var reader = new StreamReader(path);
        using var parser = new CsvHelper.CsvParser(reader, CultureInfo.InvariantCulture);
        var records = new List<string[]>();
        while (parser.Read()) records.Add(parser.Record!);
        return records;
    }

    private static double ParsePython(string repr) => repr switch
    {
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.Parse(repr, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
