using SegMeasure.Core.Images;

namespace SegMeasure.Core.Postprocessing;

/// <summary>
/// Removes segments with fewer voxels than a minimum (<c>filter_small_segments</c>): a segment
/// of exactly <c>minSize</c> voxels stays. One counting pass and one rewriting pass.
/// </summary>
internal static class SmallSegmentFilter
{
    public static PostprocessResult Apply(LabelImage labels, long minSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var counts = LabelCounts.Of(labels);
        cancellationToken.ThrowIfCancellationRequested();

        var source = labels.Data;
        var result = new uint[source.Length];
        int kept = 0;
        foreach (var id in counts.Labels())
            if (counts[id] >= minSize) kept++;

        if (counts.DenseAtLeast(minSize) is { } keep)
        {
            for (long i = 0; i < source.LongLength; i++)
            {
                var v = source[i];
                if (keep[v]) result[i] = v; // keep[0] is false: background stays 0
            }
        }
        else
        {
            for (long i = 0; i < source.LongLength; i++)
            {
                var v = source[i];
                if (v != 0 && counts[v] >= minSize) result[i] = v;
            }
        }

        return new PostprocessResult(labels.WithData(result), counts.SegmentCount, kept);
    }
}
