using SegMeasure.Core.Images;

namespace SegMeasure.Core.Colocalization;

/// <summary>Options of <see cref="ObjectDetection.LabelObjects"/>, with the spec's defaults.</summary>
public sealed record ObjectDetectionOptions
{
    /// <summary>The automatic threshold (costes and manual are not per-channel methods). Default: Otsu.</summary>
    public ColocalizationThresholdMethod ThresholdMethod { get; init; } = ColocalizationThresholdMethod.Otsu;

    /// <summary>Connected components smaller than this many pixels are dropped. Default 0 keeps all.</summary>
    public int MinSize { get; init; }
}

/// <summary>
/// The spec's <c>label_objects</c>: threshold an intensity image with an automatic method (from
/// the pixels inside the mask), keep pixels above it inside the mask, and label the connected
/// components; components below the minimum size are dropped and the rest renumbered.
/// </summary>
internal static class ObjectDetection
{
    /// <summary>A label image of the objects (all zeros when the channel has no defined threshold, e.g. constant).</summary>
    public static LabelImage LabelObjects(IntensityImage image, LabelImage? mask = null, ObjectDetectionOptions? options = null)
    {
        options ??= new ObjectDetectionOptions();
        if (!ColocalizationThresholdMethods.Automatic.Contains(options.ThresholdMethod))
            throw new SegMeasureException("SegMeasure.UnknownThresholdMethod", ErrorKind.InvalidArgument,
                $"object detection needs an automatic threshold method ({string.Join(", ", ColocalizationThresholdMethods.Automatic.Select(ColocalizationThresholdMethods.NameOf))}), not '{ColocalizationThresholdMethods.NameOf(options.ThresholdMethod)}'");
        if (options.MinSize < 0)
            throw new SegMeasureException("SegMeasure.InvalidOption", ErrorKind.InvalidArgument, $"min_size must not be negative (got {options.MinSize})");
        if (mask is not null && mask.Shape != image.Shape)
            throw new ShapeMismatchException($"the mask has shape {mask.Shape} but the image has shape {image.Shape}; they must match");
        var values = image.ChannelAsDouble(0);
        var inside = mask is null ? values : values.Where((_, i) => mask.Data[i] != 0).ToArray();
        double threshold = AutoThresholds.Of(options.ThresholdMethod, inside, ChannelPlane.IsInteger(image.PixelType));
        var empty = new LabelImage(new uint[values.Length], image.Shape, image.VoxelSize);
        if (!double.IsFinite(threshold)) return empty;
        var foreground = new bool[values.Length];
        for (int i = 0; i < values.Length; i++) foreground[i] = values[i] > threshold && (mask is null || mask.Data[i] != 0);
        var labels = ConnectedComponents.Label(foreground, image.Shape);
        if (options.MinSize > 0)
        {
            var counts = new long[labels.Length == 0 ? 1 : labels.Max() + 1];
            foreach (var l in labels) counts[l]++;
            bool any = false;
            for (int i = 0; i < labels.Length; i++)
            {
                if (labels[i] != 0 && counts[labels[i]] < options.MinSize)
                {
                    foreground[i] = false;
                    any = true;
                }
            }

            if (any) labels = ConnectedComponents.Label(foreground, image.Shape);
        }

        return new LabelImage(labels, image.Shape, image.VoxelSize);
    }
}
