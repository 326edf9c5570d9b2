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
        using var writer = OpenWriter(stream);
        WriteHeader(writer, table.ColumnNames.ToList(), delimiter);
        WriteRows(writer, table, delimiter);
    }

    /// <summary>UTF-8 without a byte order mark; the stream stays open.</summary>
    internal static StreamWriter OpenWriter(Stream stream) =>
        new(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16, leaveOpen: true);

    internal static void WriteHeader(TextWriter writer, IReadOnlyList<string> names, char delimiter)
    {
        for (int c = 0; c < names.Count; c++)
        {
            if (c > 0) writer.Write(delimiter);
            WriteText(writer, names[c], delimiter);
        }

        writer.Write('\n');
    }

    /// <summary>Rows formatted at once by one core before they are written in order: a few hundred kilobytes of text.</summary>
    private const int RowsPerPiece = 2048;

    /// <summary>
    /// The rows of <paramref name="table"/> without a header, so a long table can be written in pieces.
    /// Formatting numbers is most of the work, and the last thing a measurement does before it
    /// ends: a long table is formatted in pieces on every core and written in order.
    /// </summary>
    internal static void WriteRows(TextWriter writer, MeasurementTable table, char delimiter)
    {
        int pieces = (table.RowCount + RowsPerPiece - 1) / RowsPerPiece;
        if (pieces < 2 || Environment.ProcessorCount == 1)
        {
            WriteRows(writer, table, delimiter, 0, table.RowCount);
            return;
        }

        // A batch of pieces per pass, so the text held at once stays bounded.
        int batch = 2 * Environment.ProcessorCount;
        var texts = new string[batch];
        for (int first = 0; first < pieces; first += batch)
        {
            int count = Math.Min(batch, pieces - first);
            Parallel.For(0, count, i =>
            {
                int start = (first + i) * RowsPerPiece;
                using var piece = new StringWriter(CultureInfo.InvariantCulture);
                WriteRows(piece, table, delimiter, start, Math.Min(table.RowCount, start + RowsPerPiece));
                texts[i] = piece.ToString();
            });
            for (int i = 0; i < count; i++) writer.Write(texts[i]);
        }
    }

    private static void WriteRows(TextWriter writer, MeasurementTable table, char delimiter, int start, int end)
    {
        Span<char> number = stackalloc char[CellText.MaxDoubleLength];
        bool lone = table.ColumnCount == 1;
        for (int row = start; row < end; row++)
        {
            for (int c = 0; c < table.ColumnCount; c++)
            {
                if (c > 0) writer.Write(delimiter);
                // Numbers are written straight from their columns: never quoted, nothing allocated.
                switch (lone ? null : table.Columns[c])
                {
                    case DoubleColumn column:
                        writer.Write(number[..CellText.FormatDouble(column[row], number)]);
                        break;
                    case IntegerColumn column:
                        if (column[row] is long value && value.TryFormat(number, out int length, default, CultureInfo.InvariantCulture))
                            writer.Write(number[..length]);
                        break;
                    default:
                        string? text = CellText.Format(table.Columns[c].GetValue(row));
                        // A lone empty cell would be a blank line, which readers skip: quote it, as Python's csv module does.
                        if (lone && string.IsNullOrEmpty(text)) writer.Write("\"\"");
                        else WriteText(writer, text ?? "", delimiter);
                        break;
                }
            }

            writer.Write('\n');
        }
    }

    /// <summary>
    /// Reads back a file this class wrote, whose column kinds are known (no inference), in
    /// tables of at most <paramref name="chunkRows"/> rows: what a stream that must change its
    /// columns reads before writing the rows again. Numbers round-trip exactly (<see cref="CellText"/>).
    /// </summary>
    internal static IEnumerable<MeasurementTable> ReadTyped(Stream stream, IReadOnlyList<(string Name, ColumnKind Kind)> columns, char delimiter, int chunkRows)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
        using var parser = new CsvParser(reader, Configuration(delimiter));
        if (!parser.Read()) yield break; // the header
        var cells = columns.Select(_ => new List<string>()).ToArray();
        while (true)
        {
            bool more = parser.Read();
            if (more)
                for (int c = 0; c < columns.Count; c++) cells[c].Add(parser[c]);
            if (cells[0].Count == chunkRows || (!more && cells[0].Count > 0))
            {
                yield return new MeasurementTable(columns.Select((column, c) => Typed(column.Name, column.Kind, cells[c])));
                foreach (var list in cells) list.Clear();
            }

            if (!more) yield break;
        }
    }

    private static TableColumn Typed(string name, ColumnKind kind, List<string> cells) => kind switch
    {
        ColumnKind.Integer => new IntegerColumn(name, cells.Select(s => s.Length == 0 ? (long?)null : long.Parse(s, CultureInfo.InvariantCulture)).ToArray()),
        ColumnKind.Double => new DoubleColumn(name, cells.Select(s => s.Length == 0 ? double.NaN
            : ColumnInference.TryParseNumber(s, out var d) ? d : throw new InvalidDataException($"column '{name}': '{s}' is not a number")).ToArray()),
        _ => new TextColumn(name, cells.Select(s => s.Length == 0 ? null : s).ToArray()),
    };

    /// <summary>Text cells quoted where a reader could misread them (minimal quoting, quotes doubled).</summary>
    private static void WriteText(TextWriter writer, string text, char delimiter)
    {
        if (!NeedsQuotes(text, delimiter))
        {
            writer.Write(text);
            return;
        }

        writer.Write('"');
        writer.Write(text.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }

    // The default of common CSV writers misses a lone '\r' and edge spaces; pandas would misread both.
    private static bool NeedsQuotes(string field, char delimiter) =>
        field.Length > 0 && (field.AsSpan().IndexOfAny(delimiter, '"', '\r') >= 0 || field.Contains('\n') || field[0] == ' ' || field[^1] == ' ');

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
    };
}
