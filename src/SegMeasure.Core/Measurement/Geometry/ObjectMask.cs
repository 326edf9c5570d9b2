namespace SegMeasure.Core.Measurement.Geometry;

/// <summary>
/// One object cut out to its bounding box: the input of the per-object geometry kernels
/// (convex hull image, marching-cubes surface area, maximum Feret diameter). Voxels are
/// flattened in Z,Y,X order; a 2D object has depth 1 and <see cref="Is2D"/> set.
/// </summary>
internal sealed class ObjectMask
{
    /// <summary>Wraps <paramref name="voxels"/> (not copied) as a depth × height × width mask.</summary>
    /// <exception cref="ArgumentException">The extents are not positive, do not match the array length,
    /// or a 2D mask has a depth other than 1.</exception>
    public ObjectMask(bool[] voxels, int depth, int height, int width, bool is2D)
    {
        ArgumentNullException.ThrowIfNull(voxels);
        if (depth < 1 || height < 1 || width < 1)
            throw new ArgumentException($"mask extents must be positive, got {depth}x{height}x{width}", nameof(depth));
        if ((long)depth * height * width != voxels.LongLength)
            throw new ArgumentException($"mask of {depth}x{height}x{width} needs {(long)depth * height * width} voxels, got {voxels.LongLength}", nameof(voxels));
        if (is2D && depth != 1)
            throw new ArgumentException("a 2D mask has depth 1", nameof(depth));
        Voxels = voxels;
        Depth = depth;
        Height = height;
        Width = width;
        Is2D = is2D;
        long count = 0;
        foreach (bool v in voxels)
            if (v) count++;
        Count = count;
    }

    /// <summary>The voxels in Z,Y,X order.</summary>
    public bool[] Voxels { get; }

    public int Depth { get; }
    public int Height { get; }
    public int Width { get; }
    public bool Is2D { get; }

    /// <summary>Number of voxels that belong to the object.</summary>
    public long Count { get; }

    /// <summary>Whether the voxel at (z, y, x) belongs to the object.</summary>
    public bool this[int z, int y, int x] => Voxels[((long)z * Height + y) * Width + x];

    /// <summary>The first and last x of the object in row (z, y), or false when the row is empty.</summary>
    internal bool TryGetRowExtent(int z, int y, out int first, out int last)
    {
        int offset = (z * Height + y) * Width;
        first = Array.IndexOf(Voxels, true, offset, Width) - offset;
        if (first < 0)
        {
            last = -1;
            return false;
        }
        last = Array.LastIndexOf(Voxels, true, offset + Width - 1, Width) - offset;
        return true;
    }
}
