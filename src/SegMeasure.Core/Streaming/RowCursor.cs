namespace SegMeasure.Core.Streaming;

/// <summary>
/// Reads the rows of an <see cref="ImageRows"/> in ascending order (rows may be skipped), as
/// little-endian samples of its pixel type. A row stays valid until the next call; a file cursor
/// keeps the one band the row lies in, so memory is one band whatever the image's size.
/// </summary>
internal abstract class RowCursor : IDisposable
{
    public abstract ReadOnlySpan<byte> Row(int row);

    public virtual void Dispose()
    {
    }
}
