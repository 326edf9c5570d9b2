namespace SegMeasure.Core.Measurement;

/// <summary>Receives one run of consecutive voxels (in Z,Y,X order) that share a group key.</summary>
internal delegate void RunVisitor(int key, long start, int length);

/// <summary>
/// Visits the runs of one stripe, reporting only voxels that belong to a group (key ≥ 0).
/// Grouping by runs keeps per-voxel work to a comparison and makes lookups per run.
/// </summary>
internal delegate void RunSource(Stripe stripe, RunVisitor visit);

internal static class LabelRuns
{
    /// <summary>Runs of equal non-zero labels, keyed by the label's slot.</summary>
    public static RunSource Of(uint[] data, int width, LabelSlots slots) =>
        Of(data, width, (runs, row, _) => runs.Read(row, slots));

    /// <summary>
    /// Runs of equal non-zero labels, keyed by the label's slot in its stripe's own numbering,
    /// which grows as the stripe meets labels (see <see cref="LabelSlots.Merge"/>).
    /// </summary>
    public static RunSource Numbering(uint[] data, int width, StripeSlots[] byStripe) =>
        Of(data, width, (runs, row, stripe) => runs.Read(row, byStripe[stripe.Index]));

    private delegate void RowReader(SlotRuns runs, ReadOnlySpan<uint> row, Stripe stripe);

    private static RunSource Of(uint[] data, int width, RowReader read) => (stripe, visit) =>
    {
        var runs = new SlotRuns(width);
        for (int row = stripe.FirstRow; row < stripe.EndRow; row++)
        {
            long rowStart = (long)row * width;
            read(runs, data.AsSpan((int)rowStart, width), stripe); // label arrays hold fewer than 2³¹ voxels
            for (int r = 0; r < runs.Count; r++)
            {
                int value = runs.Value(r);
                if (value == 0) continue;
                int start = runs.Start(r) - 1; // padded → image columns
                visit(value - 1, rowStart + start, runs.Start(r + 1) - 1 - start);
            }
        }
    };
}
