using SegMeasure.Core.Images;

namespace SegMeasure.Viewer;

/// <summary>
/// The pixels of one member, read on first use and kept for the session: the segmentation, the
/// nuclei and each intensity channel as float (what tiles carry), with each channel's range for
/// the page's default contrast limits.
/// </summary>
internal sealed class MemberImages
{
    private readonly Lazy<LabelImage> _segmentation;
    private readonly Lazy<LabelImage?> _nuclei;
    private readonly Lazy<(float[][] Channels, (double Min, double Max)[] Ranges)?> _intensity;

    public MemberImages(ViewerMember member)
    {
        _segmentation = new(() => ImageFile.ReadLabels(member.SegmentationPath));
        _nuclei = new(() => member.NucleusPath is null ? null : Checked(ImageFile.ReadLabels(member.NucleusPath), member.NucleusPath));
        _intensity = new(() => member.IntensityPath is null ? null : ReadIntensity(member.IntensityPath));
    }

    public LabelImage Segmentation => _segmentation.Value;
    public LabelImage? Nuclei => _nuclei.Value;
    public float[][] Channels => _intensity.Value?.Channels ?? [];
    public (double Min, double Max)[] Ranges => _intensity.Value?.Ranges ?? [];
    public ImageShape Shape => Segmentation.Shape;

    /// <summary>Reads every file now, so a bad file is reported before the page opens and the first view waits for no disk.</summary>
    public void Load()
    {
        _ = Segmentation;
        _ = Nuclei;
        _ = _intensity.Value;
    }

    private (float[][], (double, double)[]) ReadIntensity(string path)
    {
        var image = ImageFile.ReadIntensity(path);
        if (image.Shape.Depth != Shape.Depth || image.Shape.Height != Shape.Height || image.Shape.Width != Shape.Width)
            throw new Core.SegMeasureException("SegMeasure.ShapeMismatch", Core.ErrorKind.InvalidData,
                $"{path}: the intensity image has shape {image.Shape}, the segmentation {Shape}", path);
        var channels = new float[image.ChannelCount][];
        var ranges = new (double, double)[image.ChannelCount];
        for (int c = 0; c < channels.Length; c++)
        {
            var values = image.ChannelAsDouble(c);
            var floats = new float[values.Length];
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            for (int i = 0; i < values.Length; i++)
            {
                floats[i] = (float)values[i];
                if (!double.IsFinite(values[i])) continue;
                if (values[i] < min) min = values[i];
                if (values[i] > max) max = values[i];
            }

            channels[c] = floats;
            ranges[c] = double.IsFinite(min) ? (min, max) : (0, 1);
        }

        return (channels, ranges);
    }

    private LabelImage Checked(LabelImage nuclei, string path)
    {
        if (nuclei.Shape.Length != Shape.Length || nuclei.Shape.Width != Shape.Width || nuclei.Shape.Height != Shape.Height)
            throw new Core.SegMeasureException("SegMeasure.ShapeMismatch", Core.ErrorKind.InvalidData,
                $"{path}: the nucleus segmentation has shape {nuclei.Shape}, the segmentation {Shape}", path);
        return nuclei;
    }
}
