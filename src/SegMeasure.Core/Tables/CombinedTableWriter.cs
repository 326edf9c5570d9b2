namespace SegMeasure.Core.Tables;

/// <summary>
/// A combined table written as a stream: tables are added one at a time, in the order their rows
/// belong in, each with the source it came from, and only the rows not yet written are held
/// (CSV/TSV: none; Parquet: up to one row group). The result equals
/// <see cref="TableFile.Write"/> of <see cref="TableConcat.Concatenate"/> over the same tables:
/// the same columns in order of first appearance, widened the same way.
/// </summary>
/// <remarks>
/// A stream cannot know the final columns up front, so it starts with the first table's and
/// keeps them while later tables fit (a column that is missing, or of a kind the written column
/// already holds, e.g. integers into a double column). A table that brings a new column or needs
/// a column widened (integers then doubles, numbers then text) makes the writer read back what it
/// wrote so far and write it again with the wider columns, once per such table; tables of one
/// measurement sweep share their columns, so this is rare. XLSX is not streamed: its tables are
/// held and written on <see cref="Commit"/> (a spreadsheet holds at most about a million rows anyway).
/// The output is a <see cref="PendingOutputFile"/>: it appears on <see cref="Commit"/>, and
/// disposing without committing leaves no file.
/// </remarks>
public sealed class CombinedTableWriter : IDisposable
{
    private readonly string _sourceColumn;
    private readonly TableFormat _format;
    private readonly PendingOutputFile _output;
    private readonly List<(string Source, MeasurementTable Table)> _held = []; // XLSX only
    private List<(string Name, ColumnKind Kind)>? _columns;
    private ITableAppender? _appender;

    /// <summary>Opens the temporary file of <paramref name="path"/> (format by extension); an existing file is refused unless <paramref name="overwrite"/>.</summary>
    public CombinedTableWriter(string path, bool overwrite, string sourceColumn = TableConcat.SourceColumn)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(directory))
            throw new SegMeasureException("SegMeasure.WriteFailed", ErrorKind.WriteError, $"{path}: the folder {directory} does not exist", path);
        _sourceColumn = sourceColumn;
        _format = TableFile.FormatOf(path);
        _output = OutputFile.Open(path, overwrite, "the table");
    }

    /// <summary>How many tables were added.</summary>
    public int TableCount { get; private set; }

    /// <summary>How many rows were added.</summary>
    public long RowCount { get; private set; }

    /// <summary>How many times rows already written were written again with wider columns.</summary>
    public int Rewrites { get; private set; }

    /// <summary>Appends the rows of <paramref name="table"/>, with <paramref name="source"/> in the source column.</summary>
    public void Add(string source, MeasurementTable table)
    {
        if (table.HasColumn(_sourceColumn))
            throw new SegMeasureException("SegMeasure.DuplicateColumn", ErrorKind.InvalidData,
                $"{source}: the table already has a column '{_sourceColumn}', which the combined table uses for the source file", source);
        TableCount++;
        RowCount += table.RowCount;
        if (_format == TableFormat.Xlsx)
        {
            _held.Add((source, table));
            return;
        }

        if (_columns is null)
        {
            _columns = [(_sourceColumn, ColumnKind.Text), .. table.Columns.Select(c => (c.Name, c.Kind))];
            _appender = Open(_output.Stream, _columns);
        }
        else if (Widened(_columns, table) is { } wider)
        {
            Rewrite(wider);
        }

        var rows = new MeasurementTable([new TextColumn(_sourceColumn, Enumerable.Repeat<string?>(source, table.RowCount).ToArray()), .. table.Columns]);
        _appender!.Append(TableConcat.Conform(rows, _columns));
    }

    /// <summary>Completes the table and renames it into place. With no table added there is nothing to write: an error.</summary>
    public void Commit()
    {
        if (TableCount == 0) throw new InvalidOperationException("no table was added");
        if (_format == TableFormat.Xlsx) XlsxTableFormat.Write(_output.Stream, TableConcat.Concatenate(_held, _sourceColumn));
        else _appender!.Close();
        _appender = null;
        _output.Commit();
    }

    public void Dispose() => _output.Dispose();

    /// <summary>The columns once <paramref name="table"/> is added, or null when they stay as they are (the rules of <see cref="TableConcat"/>).</summary>
    private static List<(string Name, ColumnKind Kind)>? Widened(List<(string Name, ColumnKind Kind)> columns, MeasurementTable table)
    {
        List<(string Name, ColumnKind Kind)>? wider = null;
        foreach (var column in table.Columns)
        {
            int at = (wider ?? columns).FindIndex(c => c.Name == column.Name);
            if (at < 0) (wider ??= [.. columns]).Add((column.Name, column.Kind));
            else if (TableConcat.Widen((wider ?? columns)[at].Kind, column.Kind) is var kind && kind != (wider ?? columns)[at].Kind)
                (wider ??= [.. columns])[at] = (column.Name, kind);
        }

        return wider;
    }

    /// <summary>Writes the rows so far again under <paramref name="columns"/>, reading them back from the temporary file.</summary>
    private void Rewrite(List<(string Name, ColumnKind Kind)> columns)
    {
        var old = _columns!;
        _appender!.Close();
        _output.Rewrite((from, to) =>
        {
            _appender = Open(to, columns);
            foreach (var chunk in ReadBack(from, old)) _appender.Append(TableConcat.Conform(chunk, columns));
        });
        _columns = columns;
        Rewrites++;
    }

    private ITableAppender Open(Stream stream, IReadOnlyList<(string Name, ColumnKind Kind)> columns) => _format switch
    {
        TableFormat.Parquet => new ParquetTableAppender(stream, columns),
        TableFormat.Tsv => new DelimitedTableAppender(stream, columns, '\t'),
        _ => new DelimitedTableAppender(stream, columns, ','),
    };

    private IEnumerable<MeasurementTable> ReadBack(Stream stream, IReadOnlyList<(string Name, ColumnKind Kind)> columns) => _format switch
    {
        TableFormat.Parquet => ParquetTableFormat.ReadRowGroups(stream),
        TableFormat.Tsv => DelimitedTableFormat.ReadTyped(stream, columns, '\t', ParquetTableFormat.RowGroupRows),
        _ => DelimitedTableFormat.ReadTyped(stream, columns, ',', ParquetTableFormat.RowGroupRows),
    };
}
