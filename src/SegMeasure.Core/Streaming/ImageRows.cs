using SegMeasure.Core.Images;

namespace SegMeasure.Core.Streaming;

/// <summary>
/// One channel of an image as rows in Z·Y order (row r is plane r / Height, line r % Height),
/// read front to back through cursors. Whether the rows live in an array or are decoded from a
/// file band by band is the source's business: the measurements ask for rows and never hold more
/// than a cursor's band, so an image in memory and an image larger than memory go down one path.
/// </summary>
internal abstract class ImageRows : IDisposable
{
    protected ImageRows(ImageShape shape, PixelType pixelType, VoxelSize voxelSize, string? path)
    {
        Shape = shape;
        PixelType = pixelType;
        VoxelSize = voxelSize;
        Path = path;
    }

    public ImageShape Shape { get; }

    /// <summary>The type of the samples as <see cref="RowCursor.Row"/> hands them out.</summary>
    public PixelType PixelType { get; }

    public VoxelSize VoxelSize { get; }

    /// <summary>The file the rows come from, for error messages; null in memory.</summary>
    public string? Path { get; }

    public int RowCount => Shape.Depth * Shape.Height;

    /// <summary>A cursor of its own for one thread; cursors of one source may run in parallel.</summary>
    public abstract RowCursor OpenCursor();

    public virtual void Dispose()
    {
    }
}
