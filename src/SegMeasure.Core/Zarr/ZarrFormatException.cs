namespace SegMeasure.Core.Zarr;

/// <summary>A Zarr store or OME-Zarr image that cannot be read: malformed metadata, corrupt or wrongly sized chunks, or an unsupported feature.</summary>
public sealed class ZarrFormatException : SegMeasureException
{
    public ZarrFormatException(string message, string path, ErrorKind kind = ErrorKind.InvalidData, Exception? inner = null)
        : base(kind == ErrorKind.NotSupported ? "SegMeasure.ZarrUnsupported" : "SegMeasure.ZarrFormat", kind, $"{path}: {message}", path, inner)
    {
    }
}
