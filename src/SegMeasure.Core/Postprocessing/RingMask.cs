using System.Runtime.InteropServices;
using SegMeasure.Core.Images;

namespace SegMeasure.Core.Postprocessing;

/// <summary>
/// Rings around segments (<c>compute_ring_mask</c>): a background voxel joins the ring of the
/// smallest segment id whose voxels lie within city-block distance <c>ringWidth</c> of it
/// (what <c>ringWidth</c> cross-shaped dilations of each segment give, the smaller id winning
/// overlaps). The distance is measured straight through other segments, as dilating one
/// segment's mask does. Segment voxels are kept, or set to 0 when only the rings are wanted.
/// </summary>
/// <remarks>
/// After k steps every voxel holds the smallest id within distance k. Step k+1 only changes
/// voxels next to ones that changed in step k, so a frontier queue carries the work and the
/// cost follows the ring volume, not segments × image.
/// </remarks>
public static class RingMask
{
    public static PostprocessResult Apply(LabelImage labels, int ringWidth, bool keepOriginal = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (ringWidth < 1)
            throw new SegMeasureException("SegMeasure.InvalidArgument", ErrorKind.InvalidArgument, $"the ring width must be at least 1, got {ringWidth}");
        var source = labels.Data;
        if (source.LongLength > int.MaxValue)
            throw new SegMeasureException("SegMeasure.ImageTooLarge", ErrorKind.NotSupported, $"images of more than {int.MaxValue} voxels are not supported by this operation");

        var grid = new Grid(labels.Shape);
        var nearest = (uint[])source.Clone(); // 0 = no segment within reach yet
        var frontier = InitialFrontier(source, labels.Shape);
        // The step that last queued each voxel, so a voxel improved twice in one step is queued once.
        var queuedInStep = new int[source.Length];
        var values = new List<uint>();
        int chunks = Math.Max(1, Environment.ProcessorCount);
        for (int step = 1; step <= ringWidth && frontier.Count > 0; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Spread the values of the previous step only: snapshot them before any update.
            values.Clear();
            foreach (var i in frontier) values.Add(nearest[i]);
            bool last = step == ringWidth; // nothing spreads after the last step: no need to queue
            var from = frontier.ToArray();
            var spread = values.ToArray();
            int parts = from.Length >= 1 << 16 ? chunks : 1;
            var queued = new List<int>[parts];
            int currentStep = step;
            // The outcome is a minimum, so chunks may run in any order and in parallel; the
            // compare-exchange keeps each update a true minimum when two chunks meet.
            Parallel.For(0, parts, part =>
            {
                var local = new List<int>();
                Span<int> around = stackalloc int[6];
                int start = (int)((long)from.Length * part / parts), end = (int)((long)from.Length * (part + 1) / parts);
                for (int k = start; k < end; k++)
                {
                    var v = spread[k];
                    int count = grid.Neighbours(from[k], around);
                    for (int n = 0; n < count; n++)
                    {
                        var j = around[n];
                        while (true)
                        {
                            var current = Volatile.Read(ref nearest[j]);
                            if (current != 0 && current <= v) break;
                            if (Interlocked.CompareExchange(ref nearest[j], v, current) != current) continue;
                            if (!last && Interlocked.Exchange(ref queuedInStep[j], currentStep) != currentStep) local.Add(j);
                            break;
                        }
                    }
                }

                queued[part] = local;
            });

            frontier = new List<int>(queued.Sum(l => l.Count));
            foreach (var list in queued) frontier.AddRange(list);
        }

        // Segment voxels keep their id (or become 0); background voxels keep what reached them.
        var result = nearest;
        for (int i = 0; i < source.Length; i++)
            if (source[i] != 0) result[i] = keepOriginal ? source[i] : 0u;

        int before = LabelCounts.Of(source).SegmentCount;
        // Rings only add voxels of existing segments: with the originals kept, nothing is lost.
        return new PostprocessResult(labels.WithData(result), before, keepOriginal ? before : LabelCounts.Of(result).SegmentCount);
    }

    /// <summary>
    /// Rings by nearest segment in physical distance (scikit-image's <c>expand_labels</c>): a
    /// background voxel whose nearest segment voxel lies within <paramref name="distance"/>
    /// (in the image's voxel-size units) takes that segment's id. Exact Euclidean distances;
    /// at an exact tie between segments the winner is the one the distance transform meets
    /// first along the last axis swept (Z in 3D, Y in 2D).
    /// </summary>
    public static PostprocessResult ApplyNearest(LabelImage labels, double distance, bool keepOriginal = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (!double.IsFinite(distance) || distance < 0)
            throw new SegMeasureException("SegMeasure.InvalidArgument", ErrorKind.InvalidArgument, $"the expansion distance must be a non-negative number, got {distance}");
        var source = labels.Data;
        var transform = EuclideanFeatureTransform.Compute(source, labels.Shape, labels.VoxelSize, cancellationToken);
        var result = new uint[source.Length];
        for (long i = 0; i < source.LongLength; i++)
        {
            if (source[i] != 0)
            {
                result[i] = keepOriginal ? source[i] : 0u;
                continue;
            }

            var f = transform.Feature[i];
            if (f >= 0 && Math.Sqrt(transform.SquaredDistance[i]) <= distance) result[i] = source[f];
        }

        return Finish(labels, result);
    }

    /// <summary>Segment voxels with a neighbour they can still improve (background or a larger id): only these spread.
    /// Planes (rows in 2D) are scanned in parallel; the order of the frontier does not matter.</summary>
    private static List<int> InitialFrontier(uint[] source, ImageShape shape)
    {
        int w = shape.Width, h = shape.Height, d = shape.Depth, plane = w * h;
        bool byPlane = d > 1;
        int parts = byPlane ? d : h;
        var found = new List<int>[parts];
        Parallel.For(0, parts, part =>
        {
            var list = new List<int>();
            int z0 = byPlane ? part : 0, z1 = byPlane ? part + 1 : d;
            int y0 = byPlane ? 0 : part, y1 = byPlane ? h : part + 1;
            for (int z = z0; z < z1; z++)
            for (int y = y0; y < y1; y++)
            {
                int i = z * plane + y * w;
                for (int x = 0; x < w; x++, i++)
                {
                    var v = source[i];
                    if (v == 0) continue;
                    if ((x > 0 && Improves(v, source[i - 1])) || (x < w - 1 && Improves(v, source[i + 1]))
                        || (y > 0 && Improves(v, source[i - w])) || (y < h - 1 && Improves(v, source[i + w]))
                        || (z > 0 && Improves(v, source[i - plane])) || (z < d - 1 && Improves(v, source[i + plane])))
                        list.Add(i);
                }
            }

            found[part] = list;
        });

        var frontier = new List<int>(found.Sum(l => l.Count));
        foreach (var list in found) frontier.AddRange(list);
        return frontier;
    }

    private static bool Improves(uint value, uint neighbour) => neighbour == 0 || neighbour > value;

    private static PostprocessResult Finish(LabelImage labels, uint[] result) =>
        new(labels.WithData(result), LabelCounts.Of(labels.Data).SegmentCount, LabelCounts.Of(result).SegmentCount);
}
