namespace SegMeasure.Core.Measurement.Engine;

/// <summary>
/// The first and last column of every row of every 2D object, gathered from the runs the shape
/// scan kept: all a 2D convex hull needs, at a fraction of the cost of cutting out bounding-box masks.
/// </summary>
internal sealed class RowExtents
{
    private readonly long[] _offsets;
    private readonly int[] _first;
    private readonly int[] _last;
    private readonly int[] _top;

    private RowExtents(long[] offsets, int[] first, int[] last, int[] top)
    {
        _offsets = offsets;
        _first = first;
        _last = last;
        _top = top;
    }

    public int Top(int slot) => _top[slot];

    public int Rows(int slot) => (int)(_offsets[slot + 1] - _offsets[slot]);

    /// <summary>First columns per row from <see cref="Top"/> on (int.MaxValue where a row is empty).</summary>
    public ReadOnlySpan<int> First(int slot) => _first.AsSpan((int)_offsets[slot], Rows(slot));

    public ReadOnlySpan<int> Last(int slot) => _last.AsSpan((int)_offsets[slot], Rows(slot));

    /// <summary>From the runs each stripe kept while <see cref="ShapeAccumulators"/> scanned it (2D images);
    /// the runs go back to their pool on the way.</summary>
    public static RowExtents Collect(ShapeAccumulators shapes, int slotCount, KeptRuns[] stripeRuns, CancellationToken ct)
    {
        int n = slotCount;
        var offsets = new long[n + 1];
        var top = new int[n];
        for (int s = 0; s < n; s++)
        {
            top[s] = shapes.BoxMin[s * 3 + 1];
            offsets[s + 1] = offsets[s] + shapes.BoxMax[s * 3 + 1] - top[s] + 1;
        }

        var first = new int[checked((int)offsets[n])];
        var last = new int[first.Length];
        Array.Fill(first, int.MaxValue);
        Array.Fill(last, -1);
        // A row belongs to one stripe, so stripes write disjoint entries.
        var options = new ParallelOptions { CancellationToken = ct };
        Parallel.ForEach(stripeRuns, options, kept =>
        {
            var toCommon = kept.ToCommon;
            foreach (var chunk in kept.Runs.Chunks())
            {
                foreach (var run in chunk.Span)
                {
                    int slot = toCommon[run.Slot];
                    long i = offsets[slot] + run.Row - top[slot];
                    first[i] = Math.Min(first[i], run.First);
                    last[i] = Math.Max(last[i], run.Last);
                }
            }

            kept.Runs.Release();
        });
        return new RowExtents(offsets, first, last, top);
    }
}
