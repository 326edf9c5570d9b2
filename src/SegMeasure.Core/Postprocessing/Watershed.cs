using SegMeasure.Core.Images;

namespace SegMeasure.Core.Postprocessing;

/// <summary>
/// Seeded watershed (<c>apply_watershed</c>, scikit-image's <c>watershed(heatmap, markers,
/// mask=mask)</c> with face connectivity): the seed segments flood the landscape from low to
/// high values; a voxel takes the id of the neighbour that reaches it first; voxels outside
/// the mask (and seeds there) become 0; voxels no seed can reach stay 0.
/// </summary>
/// <remarks>
/// Tie rule, the one scikit-image states ("pixel value, then the time of entry into the
/// queue"): voxels leave the queue by value and, among equal values, in the order they
/// entered it. Seeds enter first, in raster order (Z, then Y, then X); a voxel enters when a
/// neighbour that left the queue claims it, neighbours being visited in the order
/// −Z, −Y, −X, +X, +Y, +Z. So on a plateau the nearest seed wins, and between seeds at equal
/// distance the one that entered earlier. scikit-image 0.19 gives every seed the same entry
/// time, which leaves the order among equal-valued seeds to its heap; results differ from it
/// only where seeds of equal value compete for the same voxels.
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

    public static PostprocessResult Apply(LabelImage seeds, double[] landscape, bool[]? mask = null, CancellationToken cancellationToken = default)
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
        Span<int> neighbours = stackalloc int[6];
        var queue = new LevelQueue(Math.Max(levels, 1), n);

        // Seeds with nothing left to claim would leave the queue without effect: skip them.
        for (int i = 0; i < n; i++)
        {
            if (output[i] == 0) continue;
            int count = grid.Neighbours(i, neighbours);
            for (int k = 0; k < count; k++)
            {
                var j = neighbours[k];
                if (output[j] == 0 && (mask is null || mask[j]))
                {
                    queue.Push(level[i], i);
                    break;
                }
            }
        }

        // A voxel is labelled when it enters the queue: no later path can reach it at lower cost.
        long popped = 0;
        while (queue.Count > 0)
        {
            if ((++popped & 0xFFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            var i = queue.Pop();
            var label = output[i];
            int count = grid.Neighbours(i, neighbours);
            for (int k = 0; k < count; k++)
            {
                var j = neighbours[k];
                if (output[j] != 0 || (mask is not null && !mask[j])) continue;
                output[j] = label;
                queue.Push(level[j], j);
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
