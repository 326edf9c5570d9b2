using SegMeasure.Core.Images;

namespace SegMeasure.Core.Postprocessing;

/// <summary>
/// Fills small holes of every segment (<c>remove_small_holes</c>). For a segment L, a hole is a
/// face-connected component of voxels that are not L; when it has at most
/// <c>maxHoleSize</c> voxels (inclusive, as the definition states) its background voxels become
/// L, while voxels of other segments inside it stay as they are. Components touching the image
/// border are holes like any other. When a background voxel lies in small holes of several
/// segments, the largest id wins, as in the reference that fills segments in ascending order.
/// </summary>
/// <remarks>
/// Instead of one whole-image component labelling per segment, the image is reduced once to
/// its <see cref="RegionGraph"/>; the holes of L are the components of that graph with L's
/// regions removed, found by walks that stop as soon as they exceed the size limit.
/// </remarks>
internal static class HoleFilling
{
    public static PostprocessResult Apply(LabelImage labels, long maxHoleSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var graph = RegionGraph.Build(labels.Data, labels.Shape, cancellationToken);
        var value = graph.Value;
        var size = graph.Size;

        // Regions of segments, ordered by segment id, so each segment's pieces are contiguous.
        var pieces = Enumerable.Range(0, graph.RegionCount).Where(r => value[r] != 0).ToArray();
        Array.Sort(pieces, (a, b) => value[a] != value[b] ? value[a].CompareTo(value[b]) : a.CompareTo(b));

        var fillWith = new uint[graph.RegionCount];
        var walkOf = new int[graph.RegionCount];
        int walk = 0;
        var stack = new Stack<int>();
        var component = new List<int>();
        int segments = 0;

        for (int p = 0; p < pieces.Length;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var label = value[pieces[p]];
            segments++;
            int roundStart = walk + 1;
            int end = p;
            while (end < pieces.Length && value[pieces[end]] == label) end++;

            for (int k = p; k < end; k++)
            {
                var piece = pieces[k];
                for (int e = graph.NeighbourStart[piece]; e < graph.NeighbourStart[piece + 1]; e++)
                {
                    var first = graph.Neighbours[e];
                    if (walkOf[first] >= roundStart) continue;
                    if (SmallComponentWithout(graph, label, first, maxHoleSize, ++walk, roundStart, walkOf, stack, component))
                        foreach (var r in component)
                            if (value[r] == 0) fillWith[r] = label; // ascending ids: the largest one wins
                }
            }

            p = end;
        }

        var source = labels.Data;
        var regionOf = graph.RegionOf;
        var result = new uint[source.Length];
        for (int i = 0; i < source.Length; i++)
            result[i] = source[i] != 0 ? source[i] : fillWith[regionOf[i]];

        return new PostprocessResult(labels.WithData(result), segments, segments);
    }

    /// <summary>
    /// Collects the component of regions reachable from <paramref name="first"/> without
    /// entering <paramref name="label"/>. Stops early, answering false, once it holds more than
    /// <paramref name="maxSize"/> voxels or reaches a region an earlier walk for the same
    /// segment visited: that region belongs to a component already found too large (a small
    /// component is closed, so no other walk can reach it).
    /// </summary>
    private static bool SmallComponentWithout(RegionGraph graph, uint label, int first, long maxSize, int walk,
        int roundStart, int[] walkOf, Stack<int> stack, List<int> component)
    {
        component.Clear();
        stack.Clear();
        walkOf[first] = walk;
        stack.Push(first);
        long total = 0;
        while (stack.Count > 0)
        {
            var r = stack.Pop();
            component.Add(r);
            total += graph.Size[r];
            if (total > maxSize) return false;
            for (int e = graph.NeighbourStart[r]; e < graph.NeighbourStart[r + 1]; e++)
            {
                var next = graph.Neighbours[e];
                if (graph.Value[next] == label) continue;
                if (walkOf[next] == walk) continue;
                if (walkOf[next] >= roundStart) return false;
                walkOf[next] = walk;
                stack.Push(next);
            }
        }

        return true;
    }
}
