namespace SegMeasure.Core.Tables;

/// <summary>
/// Parquet written in pieces: appended rows are gathered into row groups of
/// <see cref="ParquetTableFormat.RowGroupRows"/> rows, the size a table written in one go has, so
/// many small tables do not make many tiny row groups; at most one row group is held.
/// </summary>
internal sealed class ParquetTableAppender : ITableAppender
{
    private readonly ParquetChunkWriter _writer;
    private readonly List<MeasurementTable> _pending = [];
    private int _pendingRows;
    private bool _anyGroup;

    public ParquetTableAppender(Stream stream, IReadOnlyList<(string Name, ColumnKind Kind)> columns) =>
        _writer = ParquetTableFormat.Open(stream, columns);

    public void Append(MeasurementTable rows)
    {
        if (rows.RowCount == 0) return;
        _pending.Add(rows);
        _pendingRows += rows.RowCount;
        while (_pendingRows >= ParquetTableFormat.RowGroupRows) Flush(ParquetTableFormat.RowGroupRows);
    }

    public void Close()
    {
        // A table without rows is still one (empty) row group, as ParquetTableFormat.Write makes it.
        if (_pendingRows > 0) Flush(_pendingRows);
        else if (!_anyGroup) _writer.Add(MeasurementTable.Empty);
        _writer.Dispose();
    }

    /// <summary>Writes the first <paramref name="rows"/> pending rows as one row group and keeps the rest.</summary>
    private void Flush(int rows)
    {
        var all = _pending.Count == 1 ? _pending[0] : TableConcat.Concatenate(_pending.Select(t => ("", t)).ToList(), sourceColumn: null);
        _pending.Clear();
        _anyGroup = true;
        if (rows == all.RowCount)
        {
            _writer.Add(all);
            _pendingRows = 0;
            return;
        }

        _writer.Add(all.TakeRows(Enumerable.Range(0, rows).ToList()));
        _pending.Add(all.TakeRows(Enumerable.Range(rows, all.RowCount - rows).ToList()));
        _pendingRows = all.RowCount - rows;
    }
}
