namespace SegMeasure.Core.Tables;

/// <summary>
/// A table file written in pieces: rows are appended with the columns fixed when it was opened
/// (every appended table has exactly those columns and kinds); <see cref="Close"/> completes the file.
/// </summary>
internal interface ITableAppender
{
    void Append(MeasurementTable rows);

    /// <summary>Completes the file (a Parquet footer, flushed text); the stream stays open.</summary>
    void Close();
}
