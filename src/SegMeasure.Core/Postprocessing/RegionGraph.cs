using SegMeasure.Core.Images;

namespace SegMeasure.Core.Postprocessing;

/// <summary>
/// The image as a graph of regions: every face-connected (4-connected in 2D, 6-connected in
/// 3D) set of voxels sharing one value is a node, and nodes whose voxels touch across a face
/// are neighbours. Built in two passes over the voxels (union-find, then boundary pairs), so
/// questions about "the component of everything except segment L" become small graph walks
/// instead of whole-image scans per segment.
/// </summary>
internal sealed class RegionGraph
{
    private RegionGraph(int[] regionOf, uint[] value, long[] size, int[] neighbourStart, int[] neighbours)
    {
        RegionOf = regionOf;
        Value = value;
        Size = size;
        NeighbourStart = neighbourStart;
        Neighbours = neighbours;
    }

    /// <summary>Region id of every voxel.</summary>
    public int[] RegionOf { get; }

    /// <summary>The voxel value (segment id, 0 = background) of each region.</summary>
    public uint[] Value { get; }

    /// <summary>Voxel count of each region.</summary>
    public long[] Size { get; }

    public int RegionCount => Value.Length;

    /// <summary>Neighbours of region r are <c>Neighbours[NeighbourStart[r] .. NeighbourStart[r + 1]]</c>.</summary>
    public int[] NeighbourStart { get; }

    public int[] Neighbours { get; }

    public static RegionGraph Build(uint[] data, ImageShape shape, CancellationToken cancellationToken = default)
    {
        if (data.LongLength > int.MaxValue)
            throw new SegMeasureException("SegMeasure.ImageTooLarge", ErrorKind.NotSupported,
                $"images of more than {int.MaxValue} voxels are not supported by this operation");

        int n = data.Length, w = shape.Width, plane = shape.Width * shape.Height;
        var parent = new int[n];
        for (int i = 0; i < n; i++) parent[i] = i;

        // Union-find that always links the larger root under the smaller one, so every root
        // is its component's first voxel in raster order.
        for (int z = 0, i = 0; z < shape.Depth; z++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (int y = 0; y < shape.Height; y++)
            for (int x = 0; x < w; x++, i++)
            {
                var v = data[i];
                if (x > 0 && data[i - 1] == v) Union(parent, i, i - 1);
                if (y > 0 && data[i - w] == v) Union(parent, i, i - w);
                if (z > 0 && data[i - plane] == v) Union(parent, i, i - plane);
            }
        }

        // Roots precede their members, so one ascending pass turns parents into dense ids.
        int count = 0;
        for (int i = 0; i < n; i++)
            parent[i] = parent[i] == i ? count++ : parent[parent[i]];
        var regionOf = parent;

        var value = new uint[count];
        var size = new long[count];
        for (int i = 0; i < n; i++)
        {
            var r = regionOf[i];
            value[r] = data[i];
            size[r]++;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var pairs = new HashSet<long>();
        long last = -1;
        for (int z = 0, i = 0; z < shape.Depth; z++)
        for (int y = 0; y < shape.Height; y++)
        for (int x = 0; x < w; x++, i++)
        {
            var r = regionOf[i];
            if (x > 0) AddPair(pairs, r, regionOf[i - 1], ref last);
            if (y > 0) AddPair(pairs, r, regionOf[i - w], ref last);
            if (z > 0) AddPair(pairs, r, regionOf[i - plane], ref last);
        }

        var start = new int[count + 1];
        foreach (var key in pairs)
        {
            start[(int)(key >> 32) + 1]++;
            start[(int)(key & 0xFFFFFFFF) + 1]++;
        }

        for (int r = 0; r < count; r++) start[r + 1] += start[r];
        var fill = (int[])start.Clone();
        var neighbours = new int[start[count]];
        foreach (var key in pairs)
        {
            int a = (int)(key >> 32), b = (int)(key & 0xFFFFFFFF);
            neighbours[fill[a]++] = b;
            neighbours[fill[b]++] = a;
        }

        return new RegionGraph(regionOf, value, size, start, neighbours);
    }

    private static void AddPair(HashSet<long> pairs, int a, int b, ref long last)
    {
        if (a == b) return;
        long key = a < b ? ((long)a << 32) | (uint)b : ((long)b << 32) | (uint)a;
        if (key == last) return;
        last = key;
        pairs.Add(key);
    }

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }

        return i;
    }

    private static void Union(int[] parent, int a, int b)
    {
        int ra = Find(parent, a), rb = Find(parent, b);
        if (ra == rb) return;
        if (ra < rb) parent[rb] = ra;
        else parent[ra] = rb;
    }
}
