namespace SegMeasure.Core.Images;

/// <summary>
/// A file in a format SegMeasure recognises but does not read (a microscope vendor's format such
/// as ND2, CZI or LIF, or a plain picture format). The message names the format and the
/// conversion that makes it readable.
/// </summary>
public sealed class UnsupportedFormatException : SegMeasureException
{
    public UnsupportedFormatException(string format, string path, string advice)
        : base("SegMeasure.UnsupportedFormat", ErrorKind.NotSupported, $"{path}: this is a {format} file, which SegMeasure does not read; {advice}", path)
    {
        Format = format;
    }

    /// <summary>The recognised format, e.g. "Nikon ND2".</summary>
    public string Format { get; }
}
