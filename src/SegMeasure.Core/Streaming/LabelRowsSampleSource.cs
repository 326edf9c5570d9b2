using SegMeasure.Core.Images;
using SegMeasure.Core.Tiff;

namespace SegMeasure.Core.Streaming;

/// <summary>
/// Output labels computed band by band for <see cref="TiffWriter"/>: the writer asks for a strip's rows
/// (several strips in parallel), a <see cref="LabelBand"/> computes them from the input rows, and they are
/// converted to the output's sample type. Nothing holds the whole image.
/// </summary>
internal sealed class LabelRowsSampleSource : TiffSampleSource
{
    private readonly LabelBand _band;

    /// <summary>Labels of <paramref name="shape"/>, written as <paramref name="type"/>; <paramref name="band"/> fills the labels of rows [first, first + count) in Z·Y order.</summary>
    public LabelRowsSampleSource(ImageShape shape, PixelType type, LabelBand band) : base(type, shape, 1) => _band = band;

    public override void CopyRows(int page, int row, int rows, Span<byte> destination)
    {
        var labels = new uint[rows * Shape.Width];
        _band(page * Shape.Height + row, rows, labels);
        LabelSampleSource.Write(labels, PixelType, destination);
    }
}

/// <summary>Fills <paramref name="labels"/> with the output labels of rows [<paramref name="first"/>, + <paramref name="count"/>) in Z·Y order.</summary>
internal delegate void LabelBand(int first, int count, Span<uint> labels);
