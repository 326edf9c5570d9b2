namespace SegMeasure.Core.Measurement.Engine;

/// <summary>The <see cref="RunSource"/>s of a label image: runs of equal non-zero labels.</summary>
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
