using SegMeasure.Core.Images;
using SegMeasure.Core.Measurement.Geometry;
using SegMeasure.Core.Streaming;

namespace SegMeasure.Core.Measurement.Engine;

/// <summary>
/// Cuts every object out to its own bounding box in one pass: each run of a label is copied
/// into that label's mask, so the per-object kernels (convex hull, surface, Feret diameter)
/// never look at the rest of the image. Masks are per-label state (one byte per voxel of each
/// bounding box); the image itself is read row by row, so it may come from a file band by band.
/// </summary>
internal static class ObjectMasks
{
    public static ObjectMask[] Cut(LabelImage labels, LabelSlots slots, ShapeAccumulators shapes, CancellationToken ct) =>
        Cut(ArrayRows.Of(labels), slots, shapes, BandLayout.InMemory, ct);

    public static ObjectMask[] Cut(ImageRows labels, LabelSlots slots, ShapeAccumulators shapes, BandLayout bands, CancellationToken ct)
    {
        var shape = labels.Shape;
        int n = slots.Count;
        var voxels = new bool[n][];
        var extents = new (int D, int H, int W)[n];
        for (int s = 0; s < n; s++)
        {
            int b = s * 3;
            var e = (shapes.BoxMax[b] - shapes.BoxMin[b] + 1, shapes.BoxMax[b + 1] - shapes.BoxMin[b + 1] + 1, shapes.BoxMax[b + 2] - shapes.BoxMin[b + 2] + 1);
            extents[s] = e;
            voxels[s] = new bool[(long)e.Item1 * e.Item2 * e.Item3];
        }

        var stripes = bands.Split(labels.RowCount);
        bands.Run(stripes, ct, s =>
        {
            using var reader = new LabelRowReader(labels);
            var runs = new SlotRuns(shape.Width);
            for (int row = s.FirstRow; row < s.EndRow; row++)
            {
                runs.Read(reader.Row(row), slots);
                int z = row / shape.Height, y = row % shape.Height;
                for (int r = 0; r < runs.Count; r++)
                {
                    int value = runs.Value(r);
                    if (value == 0) continue;
                    int slot = value - 1, x = runs.Start(r) - 1, length = runs.Start(r + 1) - 1 - x; // padded → image columns
                    // Rows belong to one stripe, so stripes write disjoint parts of each mask.
                    int b = slot * 3;
                    var (_, h, w) = extents[slot];
                    long offset = ((long)(z - shapes.BoxMin[b]) * h + (y - shapes.BoxMin[b + 1])) * w + (x - shapes.BoxMin[b + 2]);
                    Array.Fill(voxels[slot], true, (int)offset, length);
                }
            }
        });

        var masks = new ObjectMask[n];
        for (int s = 0; s < n; s++)
            masks[s] = new ObjectMask(voxels[s], extents[s].D, extents[s].H, extents[s].W, shape.Is2D);
        return masks;
    }
}
