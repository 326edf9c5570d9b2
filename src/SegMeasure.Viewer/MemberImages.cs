using SegMeasure.Core.Images;

namespace SegMeasure.Viewer;

/// <summary>
/// The pixels of one member, read on first use and kept for the session: the segmentation, the
/// nuclei and the intensity image in their own sample types (no float or RGBA copy: tiles are
/// cut from these on demand), with each channel's range for the page's default contrast limits.
/// Memory is the files' decoded size: 4 bytes per pixel per label image, the sample size per
/// intensity channel.
/// </summary>
internal sealed class MemberImages
{
    private readonly Lazy<LabelImage> _segmentation;
    private readonly Lazy<LabelImage?> _nuclei;
    private readonly Lazy<(IntensityImage Image, (double Min, double Max)[] Ranges)?> _intensity;

    public MemberImages(ViewerMember member)
    {
        _segmentation = new(() => ImageFile.ReadLabels(member.SegmentationPath));
        _nuclei = new(() => member.NucleusPath is null ? null : Checked(ImageFile.ReadLabels(member.NucleusPath), member.NucleusPath));
        _intensity = new(() => member.IntensityPath is null ? null : ReadIntensity(member.IntensityPath));
    }

    public LabelImage Segmentation => _segmentation.Value;
    public LabelImage? Nuclei => _nuclei.Value;
    public IntensityImage? Intensity => _intensity.Value?.Image;
    public int ChannelCount => Intensity?.ChannelCount ?? 0;
    public (double Min, double Max)[] Ranges => _intensity.Value?.Ranges ?? [];
    public ImageShape Shape => Segmentation.Shape;

    /// <summary>Reads every file now, so a bad file is reported before the page opens and the first view waits for no disk.</summary>
    public void Load()
    {
        _ = Segmentation;
        _ = Nuclei;
        _ = _intensity.Value;
    }

    private (IntensityImage, (double, double)[]) ReadIntensity(string path)
    {
        var image = ImageFile.ReadIntensity(path);
        if (image.Shape.Depth != Shape.Depth || image.Shape.Height != Shape.Height || image.Shape.Width != Shape.Width)
            throw new Core.SegMeasureException("SegMeasure.ShapeMismatch", Core.ErrorKind.InvalidData,
                $"{path}: the intensity image has shape {image.Shape}, the segmentation {Shape}", path);
        var ranges = new (double, double)[image.ChannelCount];
        for (int c = 0; c < ranges.Length; c++) ranges[c] = ChannelSamples.Range(image, c);
        return (image, ranges);
    }

    private LabelImage Checked(LabelImage nuclei, string path)
    {
        if (nuclei.Shape.Length != Shape.Length || nuclei.Shape.Width != Shape.Width || nuclei.Shape.Height != Shape.Height)
            throw new Core.SegMeasureException("SegMeasure.ShapeMismatch", Core.ErrorKind.InvalidData,
                $"{path}: the nucleus segmentation has shape {nuclei.Shape}, the segmentation {Shape}", path);
        return nuclei;
    }
}
