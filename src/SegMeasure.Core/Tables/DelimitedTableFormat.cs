using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace SegMeasure.Core.Tables;

/// <summary>
/// CSV and TSV as pandas writes and reads them: a header of column names, UTF-8 without a byte
/// order mark (one is accepted when reading), <c>\n</c> line ends, minimal quoting, numbers in
/// <see cref="CellText"/> form, missing values as empty cells; types inferred on reading by
/// <see cref="ColumnInference"/>.
/// </summary>
internal static class DelimitedTableFormat
{
    public static void Write(Stream stream, MeasurementTable table, char delimiter)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
        using var csv = new CsvWriter(writer, Configuration(delimiter));
        foreach (var column in table.Columns) csv.WriteField(column.Name);
        csv.NextRecord();
        var cells = new string?[table.ColumnCount];
        for (int row = 0; row < table.RowCount; row++)
        {
            for (int c = 0; c < cells.Length; c++) cells[c] = CellText.Format(table.Columns[c].GetValue(row));
            // A lone empty cell would be a blank line, which readers skip: quote it, as Python's csv module does.
            if (cells.Length == 1 && string.IsNullOrEmpty(cells[0])) csv.WriteField("", shouldQuote: true);
            else foreach (var cell in cells) csv.WriteField(cell ?? "");
            csv.NextRecord();
        }
    }

    public static MeasurementTable Read(string path, char delimiter)
    {
        string[] names;
        StreamingColumn[] columns;
        using (var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
        using (var parser = new CsvParser(reader, Configuration(delimiter)))
        {
            names = ReadHeader(parser, path);
            columns = names.Select(n => new StreamingColumn(n)).ToArray();
            while (parser.Read())
            {
                if (parser.Count != names.Length)
                    throw new SegMeasureException("SegMeasure.TableFormat", ErrorKind.InvalidData,
                        $"{path}: line {parser.RawRow} has {parser.Count} field(s), the header has {names.Length}", path);
                for (int c = 0; c < columns.Length; c++) columns[c].Add(parser[c]);
            }
        }

        // Rare: a column that became text after numeric rows needs those rows' original text.
        var late = columns.Select((column, c) => (column, c)).Where(x => x.column.NeedsEarlierText).ToList();
        if (late.Count > 0)
        {
            using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            using var parser = new CsvParser(reader, Configuration(delimiter));
            ReadHeader(parser, path);
            var earlier = late.Select(_ => new List<string?>()).ToArray();
            int needed = late.Max(x => x.column.EarlierTextCount);
            for (int row = 0; row < needed && parser.Read(); row++)
                for (int k = 0; k < late.Count; k++)
                    if (row < late[k].column.EarlierTextCount) earlier[k].Add(parser[late[k].c]);
            for (int k = 0; k < late.Count; k++) late[k].column.SetEarlierText(earlier[k]);
        }

        return new MeasurementTable(columns.Select(c => c.Build()));
    }

    private static string[] ReadHeader(CsvParser parser, string path)
    {
        if (!parser.Read())
            throw new SegMeasureException("SegMeasure.TableFormat", ErrorKind.InvalidData, $"{path}: the file is empty (no header row)", path);

        var names = parser.Record!.Select((n, i) => n.Length == 0 ? $"Unnamed: {i}" : n).ToArray();
        var duplicates = names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
            throw new SegMeasureException("SegMeasure.TableFormat", ErrorKind.InvalidData,
                $"{path}: the header names column(s) {string.Join(", ", duplicates.Select(d => $"'{d}'"))} more than once", path);
        return names;
    }

    private static CsvConfiguration Configuration(char delimiter) => new(CultureInfo.InvariantCulture)
    {
        Delimiter = delimiter.ToString(),
        NewLine = "\n",
        HasHeaderRecord = false,
        IgnoreBlankLines = true,
        DetectDelimiter = false,
        TrimOptions = TrimOptions.None,
        InjectionOptions = InjectionOptions.None,
        BadDataFound = null,
        MissingFieldFound = null,
        // Quote what a reader could misread; the default misses a lone '\r' once NewLine is set.
        ShouldQuote = args => args.Field is { Length: > 0 } f
            && (f.IndexOfAny([delimiter, '"', '\r', '\n']) >= 0 || f[0] == ' ' || f[^1] == ' '),
    };
}
