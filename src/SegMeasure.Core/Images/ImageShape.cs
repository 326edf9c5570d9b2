namespace SegMeasure.Core.Images;

/// <summary>
/// Extent of a dense Z,Y,X volume. A 2D image is a volume of depth 1 that remembers it is 2D,
/// so measurements choose 2D definitions (area, perimeter) and writers keep two axes.
/// </summary>
public readonly record struct ImageShape
{
    public ImageShape(int depth, int height, int width, bool is2D = false)
    {
        if (depth < 1 || height < 1 || width < 1)
            throw new ArgumentOutOfRangeException(nameof(depth), $"image extents must be positive, got {depth}x{height}x{width}");
        if (is2D && depth != 1)
            throw new ArgumentException("a 2D image has depth 1", nameof(depth));
        Depth = depth;
        Height = height;
        Width = width;
        Is2D = is2D;
    }

    public static ImageShape Of2D(int height, int width) => new(1, height, width, is2D: true);

    public static ImageShape Of3D(int depth, int height, int width) => new(depth, height, width, is2D: false);

    public int Depth { get; }
    public int Height { get; }
    public int Width { get; }
    public bool Is2D { get; }

    /// <summary>Number of voxels.</summary>
    public long Length => (long)Depth * Height * Width;

    public int Dimensions => Is2D ? 2 : 3;

    public long IndexOf(int z, int y, int x) => ((long)z * Height + y) * Width + x;

    /// <summary>Extents in numpy order: (Y, X) for 2D, (Z, Y, X) for 3D.</summary>
    public int[] ToArray() => Is2D ? [Height, Width] : [Depth, Height, Width];

    public override string ToString() => Is2D ? $"({Height}, {Width})" : $"({Depth}, {Height}, {Width})";
}
