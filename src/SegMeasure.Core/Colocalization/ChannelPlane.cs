using SegMeasure.Core.Images;

namespace SegMeasure.Core.Colocalization;

/// <summary>One channel's samples as doubles over an image shape, remembering whether they are integers (for histograms).</summary>
internal sealed record ChannelPlane(double[] Values, ImageShape Shape, bool IntegerSamples)
{
    public static ChannelPlane Of(IntensityImage image, int channel) =>
        new(image.ChannelAsDouble(channel), image.Shape, IsInteger(image.PixelType));

    public static bool IsInteger(PixelType type) => type is not (PixelType.Float32 or PixelType.Float64);
}
