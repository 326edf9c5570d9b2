using SegMeasure.Core.Images;

namespace SegMeasure.Core.Measurement;

/// <summary>
/// The first and last column of every row of every 2D object, gathered in one pass over the runs:
/// all a 2D convex hull needs, at a fraction of the cost of cutting out bounding-box masks.
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

    public static RowExtents Collect(LabelImage labels, LabelSlots slots, ShapeAccumulators shapes, CancellationToken ct)
    {
        int n = slots.Count, width = labels.Shape.Width;
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
        var runs = LabelRuns.Of(labels.Data, width, slots);
        // A row belongs to one stripe, so stripes write disjoint entries.
        Stripes.Run(Stripes.Split(labels.Shape.Height), ct, stripe => runs(stripe, (slot, start, length) =>
        {
            // Label arrays hold fewer than 2³¹ voxels, so one 32-bit division gives row and column.
            int at = (int)start, y = at / width, x = at - y * width;
            long i = offsets[slot] + y - top[slot];
            if (x < first[i]) first[i] = x;
            if (x + length - 1 > last[i]) last[i] = x + length - 1;
        }));
        return new RowExtents(offsets, first, last, top);
    }
}
