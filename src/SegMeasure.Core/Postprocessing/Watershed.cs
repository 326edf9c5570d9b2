using SegMeasure.Core.Images;

namespace SegMeasure.Core.Postprocessing;

/// <summary>
/// Seeded watershed (<c>apply_watershed</c>, scikit-image's <c>watershed(heatmap, markers,
/// mask=mask)</c> with face connectivity): the seed segments flood the landscape from low to
/// high values; a voxel takes the id of the neighbour that reaches it first; voxels outside
/// the mask (and seeds there) become 0; voxels no seed can reach stay 0.
/// </summary>
/// <remarks>
/// Flooding (Beucher &amp; Meyer 1993) in scikit-image's exact order: a priority queue keyed by
/// (cost, age); every seed enters with its value and age 0 in raster order (Z, then Y, then X); a
/// voxel is claimed and enters with the next age when a neighbour leaving the queue reaches it,
/// neighbours visited in the order −Z, −Y, −X, +X, +Y, +Z, at a cost of its own value but never
/// less than that neighbour's cost (scikit-image 0.25.2 and later; see <see cref="FloodCost"/>).
/// So a plateau is flooded first in, first out from its seeds. Seeds of equal value share a key;
/// among them scikit-image's binary heap decides, and <see cref="FloodHeap"/> replays that heap so
/// the result is the same voxel for voxel — only as long as a tie that can change the result is left.
/// </remarks>
public static class Watershed
{
    public static PostprocessResult Apply(LabelImage seeds, IntensityImage heatmap, IntensityImage? mask = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(heatmap);
        RequireSameShape(seeds.Shape, heatmap.Shape, "heatmap");
        if (heatmap.ChannelCount != 1)
            throw new ShapeMismatchException($"the heatmap has {heatmap.ChannelCount} channels; a watershed landscape needs exactly one");
        bool[]? inside = null;
        if (mask is not null)
        {
            RequireSameShape(seeds.Shape, mask.Shape, "mask");
            if (mask.ChannelCount != 1)
                throw new ShapeMismatchException($"the mask has {mask.ChannelCount} channels; it needs exactly one");
            var values = mask.ChannelAsDouble(0);
            inside = new bool[values.Length];
            for (long i = 0; i < values.LongLength; i++) inside[i] = values[i] != 0;
        }

        return Apply(seeds, heatmap.ChannelAsDouble(0), inside, cancellationToken);
    }

    public static PostprocessResult Apply(LabelImage seeds, double[] landscape, bool[]? mask = null, CancellationToken cancellationToken = default) =>
        Apply(seeds, landscape, mask, FloodCost.NeverBelowSource, cancellationToken);

    /// <summary>The flood with the cost rule of a given scikit-image release.</summary>
    internal static PostprocessResult Apply(LabelImage seeds, double[] landscape, bool[]? mask, FloodCost cost, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(landscape);
        var source = seeds.Data;
        if (landscape.LongLength != source.LongLength || (mask is not null && mask.LongLength != source.LongLength))
            throw new ShapeMismatchException("the seeds, the heatmap and the mask must have the same number of voxels");
        if (source.LongLength > int.MaxValue)
            throw new SegMeasureException("SegMeasure.ImageTooLarge", ErrorKind.NotSupported, $"images of more than {int.MaxValue} voxels are not supported by this operation");
        for (long i = 0; i < landscape.LongLength; i++)
        {
            if (double.IsNaN(landscape[i]))
                throw new SegMeasureException("SegMeasure.InvalidHeatmap", ErrorKind.InvalidData, $"the heatmap holds NaN (at voxel {i}); a watershed landscape must be ordered everywhere");
        }

        int n = source.Length;
        var level = LandscapeOrder.Ranks(landscape, out int levels);
        var output = new uint[n];
        for (int i = 0; i < n; i++)
            output[i] = mask is null || mask[i] ? source[i] : 0u;

        var grid = new Grid(seeds.Shape);
        // Every seed enters with age 0, in raster order (scikit-image's flatnonzero), so seeds
        // of equal value tie and scikit-image's heap structure decides among them. Replay that
        // heap exactly while a contested tie is left (SeedTies says which ties can matter); from
        // then on any queue ordered by (level, age) gives the same result, and the constant-time
        // level queue takes over. Interior seeds claim nothing, so they skip the neighbour scan: they
        // enter the heap as ~voxel (negative), which spares a look-up per voxel that leaves it.
        var ties = SeedTies.Find(output, level, levels, mask, grid);

        // A voxel is labelled when it enters the queue: no later path can reach it at lower cost.
        long popped = 0;
        int age = 1;
        var queue = new LevelQueue(Math.Max(levels, 1), n + 1);
        if (ties.LastContestedLevel >= 0)
        {
            var heap = new FloodHeap(ties.SeedCount);
            for (int i = 0; i < n; i++)
                if (output[i] != 0) heap.Push(level[i], 0, ties.IsInterior(i) ? ~i : i);
            while (heap.Count > 0 && heap.TopLevel <= ties.LastContestedLevel)
            {
                if ((++popped & 0xFFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
                var i = heap.Pop();
                // The heap leaves voxels in no spatial order, so every flood step would wait on memory;
                // the likely next one's neighbourhood is fetched while this one floods.
                if (heap.Count > 0 && heap.TopVoxel >= 0)
                {
                    grid.Prefetch(output, heap.TopVoxel);
                    grid.Prefetch(level, heap.TopVoxel);
                }

                if (i >= 0) Flood(i, output[i], heap);
            }

            foreach (var (itemLevel, voxel) in heap.DrainInKeyOrder())
                if (voxel >= 0) queue.Push(itemLevel, voxel);
        }
        else
        {
            for (int i = 0; i < n; i++)
                if (output[i] != 0 && !ties.IsInterior(i)) queue.Push(level[i], i);
        }

        while (queue.Count > 0)
        {
            if ((++popped & 0xFFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            var i = queue.Pop();
            Flood(i, output[i], heap: null);
        }

        // Claims go to the heap while it is replayed, to the level queue after. A claimed voxel's
        // level becomes its cost, which is what it floods its own neighbours with.
        void Flood(int i, uint label, FloodHeap? heap)
        {
            Span<int> around = stackalloc int[6];
            int count = grid.Neighbours(i, around);
            int floor = cost == FloodCost.NeverBelowSource ? level[i] : int.MinValue;
            for (int k = 0; k < count; k++)
            {
                var j = around[k];
                if (output[j] != 0 || (mask is not null && !mask[j])) continue;
                output[j] = label;
                int entry = level[j] = Math.Max(level[j], floor);
                age++;
                if (heap is not null) heap.Push(entry, age, j);
                else queue.Push(entry, j);
            }
        }

        return new PostprocessResult(seeds.WithData(output), LabelCounts.Of(source).SegmentCount, LabelCounts.Of(output).SegmentCount);
    }

    private static void RequireSameShape(ImageShape seeds, ImageShape other, string what)
    {
        if (seeds.Depth != other.Depth || seeds.Height != other.Height || seeds.Width != other.Width)
            throw new ShapeMismatchException($"the {what} has shape {other} but the segmentation has shape {seeds}");
    }
}
