using SegMeasure.Core.Images;
using SegMeasure.Core.Measurement.Geometry;

namespace SegMeasure.Core.Measurement.Engine;

/// <summary>
/// Cuts every object out to its own bounding box in one pass: each run of a label is copied
/// into that label's mask, so the per-object kernels (convex hull, surface, Feret diameter)
/// never look at the rest of the image.
/// </summary>
internal static class ObjectMasks
{
    public static ObjectMask[] Cut(LabelImage labels, LabelSlots slots, ShapeAccumulators shapes, CancellationToken ct)
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

        var stripes = Stripes.Split(shape.Depth * shape.Height);
        var runs = LabelRuns.Of(labels.Data, shape.Width, slots);
        long plane = (long)shape.Height * shape.Width;
        Stripes.Run(stripes, ct, s => runs(s, (slot, start, length) =>
        {
            // Rows belong to one stripe, so stripes write disjoint parts of each mask.
            int z = (int)(start / plane), y = (int)(start % plane / shape.Width), x = (int)(start % shape.Width);
            int b = slot * 3;
            var (_, h, w) = extents[slot];
            long offset = ((long)(z - shapes.BoxMin[b]) * h + (y - shapes.BoxMin[b + 1])) * w + (x - shapes.BoxMin[b + 2]);
            Array.Fill(voxels[slot], true, (int)offset, length);
        }));

        var masks = new ObjectMask[n];
        for (int s = 0; s < n; s++)
            masks[s] = new ObjectMask(voxels[s], extents[s].D, extents[s].H, extents[s].W, shape.Is2D);
        return masks;
    }
}
