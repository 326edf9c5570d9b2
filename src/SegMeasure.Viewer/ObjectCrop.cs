using SegMeasure.Core.Images;

namespace SegMeasure.Viewer;

/// <summary>
/// One object's bounding box cut out of its member: two intensity channels in their own sample
/// type and a mask of the object, so the core's per-region analyses run on the object's pixels
/// without a whole-image mask.
/// </summary>
internal sealed record ObjectCrop(IntensityImage A, IntensityImage B, LabelImage Mask)
{
    /// <summary>The crop of object <paramref name="id"/>, or null when the segmentation has no such object.</summary>
    public static ObjectCrop? Of(LabelImage segmentation, IntensityImage intensity, uint id, int channelA, int channelB)
    {
        if (id == 0 || Bounds(segmentation, id) is not { } box) return null;
        var (z0, y0, x0, z1, y1, x1) = box;
        var shape = new ImageShape(z1 - z0 + 1, y1 - y0 + 1, x1 - x0 + 1, segmentation.Shape.Is2D);
        var mask = new uint[shape.Length];
        var a = Array.CreateInstance(intensity.GetChannelArray(channelA).GetType().GetElementType()!, shape.Length);
        var b = Array.CreateInstance(a.GetType().GetElementType()!, shape.Length);
        long target = 0;
        for (int z = z0; z <= z1; z++)
            for (int y = y0; y <= y1; y++, target += shape.Width)
            {
                long source = segmentation.Shape.IndexOf(z, y, x0);
                // Array.Copy keeps the sample type whatever it is (no conversion, no second reader).
                Array.Copy(intensity.GetChannelArray(channelA), source, a, target, shape.Width);
                Array.Copy(intensity.GetChannelArray(channelB), source, b, target, shape.Width);
                for (int x = 0; x < shape.Width; x++)
                    if (segmentation.Data[source + x] == id) mask[target + x] = id;
            }

        return new ObjectCrop(new IntensityImage([a], shape, intensity.PixelType), new IntensityImage([b], shape, intensity.PixelType),
            new LabelImage(mask, shape));
    }

    /// <summary>The inclusive (z, y, x) extent of <paramref name="id"/>'s voxels, or null when there is none.</summary>
    private static (int Z0, int Y0, int X0, int Z1, int Y1, int X1)? Bounds(LabelImage segmentation, uint id)
    {
        var shape = segmentation.Shape;
        var data = segmentation.Data;
        int z0 = int.MaxValue, y0 = int.MaxValue, x0 = int.MaxValue, z1 = -1, y1 = -1, x1 = -1;
        for (int z = 0; z < shape.Depth; z++)
            for (int y = 0; y < shape.Height; y++)
            {
                long row = shape.IndexOf(z, y, 0);
                for (int x = 0; x < shape.Width; x++)
                {
                    if (data[row + x] != id) continue;
                    z0 = Math.Min(z0, z); z1 = Math.Max(z1, z);
                    y0 = Math.Min(y0, y); y1 = Math.Max(y1, y);
                    x0 = Math.Min(x0, x); x1 = Math.Max(x1, x);
                }
            }

        return z1 < 0 ? null : (z0, y0, x0, z1, y1, x1);
    }
}
