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
        for (int row = stripe.FirstRow; row < stripe.EndRow; row++)
        {
            long rowStart = (long)row * width;
            int x = 0;
            while (x < width)
            {
                uint id = data[rowStart + x];
                int runStart = x;
                x++;
                while (x < width && data[rowStart + x] == id) x++;
                if (id == 0) continue;
                visit(slots.SlotOf(id), rowStart + runStart, x - runStart);
            }
        }
    };
}
