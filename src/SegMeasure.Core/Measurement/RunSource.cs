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
    public static RunSource Of(uint[] data, int width, LabelSlots slots) => (stripe, visit) =>
    {
        var runs = new SlotRuns(width);
        for (int row = stripe.FirstRow; row < stripe.EndRow; row++)
        {
            long rowStart = (long)row * width;
            runs.Read(data.AsSpan((int)rowStart, width), slots); // label arrays hold fewer than 2³¹ voxels
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
