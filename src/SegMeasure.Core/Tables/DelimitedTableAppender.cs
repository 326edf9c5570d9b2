namespace SegMeasure.Core.Tables;

/// <summary>CSV or TSV written in pieces: the header first, then each appended table's rows, byte for byte as <see cref="DelimitedTableFormat.Write"/> writes them in one go.</summary>
internal sealed class DelimitedTableAppender : ITableAppender
{
    private readonly StreamWriter _writer;
    private readonly char _delimiter;

    public DelimitedTableAppender(Stream stream, IReadOnlyList<(string Name, ColumnKind Kind)> columns, char delimiter)
    {
        _delimiter = delimiter;
        _writer = DelimitedTableFormat.OpenWriter(stream);
        DelimitedTableFormat.WriteHeader(_writer, columns.Select(c => c.Name).ToList(), delimiter);
    }

    public void Append(MeasurementTable rows) => DelimitedTableFormat.WriteRows(_writer, rows, _delimiter);

    public void Close() => _writer.Dispose();
}
