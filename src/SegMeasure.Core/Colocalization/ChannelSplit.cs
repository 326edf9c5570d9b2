using SegMeasure.Core.Images;

namespace SegMeasure.Core.Colocalization;

/// <summary>The channels of a multichannel image for all-to-all analysis.</summary>
internal static class ChannelSplit
{
    /// <summary>
    /// The file's own channels when it declared more than one; otherwise the planes along
    /// <paramref name="channelAxis"/> (numpy order) of a single-channel image.
    /// </summary>
    public static IReadOnlyList<ChannelPlane> Channels(IntensityImage image, int? channelAxis)
    {
        if (image.ChannelCount > 1 || channelAxis is null)
            return Enumerable.Range(0, image.ChannelCount).Select(c => ChannelPlane.Of(image, c)).ToArray();

        var shape = image.Shape;
        int dims = shape.Dimensions;
        int axis = channelAxis.Value < 0 ? channelAxis.Value + dims : channelAxis.Value;
        if (axis < 0 || axis >= dims)
            throw new SegMeasureException("SegMeasure.InvalidAxis", ErrorKind.InvalidArgument,
                $"channel axis {channelAxis} is out of range for a {dims}D image of shape {shape}");
        if (shape.Is2D)
            throw new SegMeasureException("SegMeasure.InvalidAxis", ErrorKind.InvalidData,
                $"a 2D image of shape {shape} has no channel axis to split; give a 3D stack (channels, Y, X) or an image with declared channels");
        int zyx = axis; // 3D: numpy order is (Z, Y, X)
        var all = image.ChannelAsDouble(0);
        int depth = shape.Depth, height = shape.Height, width = shape.Width;
        int count = zyx switch { 0 => depth, 1 => height, _ => width };
        var (outHeight, outWidth) = zyx switch { 0 => (height, width), 1 => (depth, width), _ => (depth, height) };
        var planeShape = ImageShape.Of2D(outHeight, outWidth);
        bool integer = ChannelPlane.IsInteger(image.PixelType);
        var result = new ChannelPlane[count];
        for (int c = 0; c < count; c++)
        {
            var values = new double[planeShape.Length];
            int k = 0;
            for (int z = 0; z < depth; z++)
                for (int y = 0; y < height; y++)
                    for (int x = 0; x < width; x++)
                    {
                        int along = zyx switch { 0 => z, 1 => y, _ => x };
                        if (along != c) continue;
                        values[k++] = all[((long)z * height + y) * width + x];
                    }

            result[c] = new ChannelPlane(values, planeShape, integer);
        }

        return result;
    }
}
