namespace SegMeasure.Core;

/// <summary>What kind of problem an error is, so front ends can map it (PowerShell
/// ErrorCategory, CLI exit code) without knowing each exception type.</summary>
public enum ErrorKind
{
    InvalidData,
    InvalidArgument,
    NotFound,
    AlreadyExists,
    NotSupported,
    WriteError,
}

/// <summary>
/// Every expected failure in the core is one of these: a readable message that names the file
/// and the problem, a stable <see cref="ErrorId"/> (for example <c>SegMeasure.TiffFormat</c>)
/// and the path it concerns. Anything else escaping the core is a bug.
/// </summary>
public class SegMeasureException : Exception
{
    public SegMeasureException(string errorId, ErrorKind kind, string message, string? path = null, Exception? inner = null)
        : base(message, inner)
    {
        ErrorId = errorId;
        Kind = kind;
        Path = path;
    }

    /// <summary>Stable identifier, e.g. <c>SegMeasure.TiffFormat</c>.</summary>
    public string ErrorId { get; }

    public ErrorKind Kind { get; }

    /// <summary>The file the error concerns, when there is one.</summary>
    public string? Path { get; }
}

/// <summary>A file that is not a TIFF we can decode: malformed, truncated or using an unsupported feature.</summary>
public sealed class TiffFormatException : SegMeasureException
{
    public TiffFormatException(string message, string? path = null, ErrorKind kind = ErrorKind.InvalidData, Exception? inner = null)
        : base(kind == ErrorKind.NotSupported ? "SegMeasure.TiffUnsupported" : "SegMeasure.TiffFormat", kind,
               path is null ? message : $"{path}: {message}", path, inner)
    {
    }
}

/// <summary>Images that should line up (labels and intensities, cells and nuclei) do not.</summary>
public sealed class ShapeMismatchException : SegMeasureException
{
    public ShapeMismatchException(string message, string? path = null)
        : base("SegMeasure.ShapeMismatch", ErrorKind.InvalidData, message, path)
    {
    }
}

/// <summary>A label image holds values that are not valid segment ids (negative, fractional, too large).</summary>
public sealed class InvalidLabelException : SegMeasureException
{
    public InvalidLabelException(string message, string? path = null)
        : base("SegMeasure.InvalidLabels", ErrorKind.InvalidData, path is null ? message : $"{path}: {message}", path)
    {
    }
}

/// <summary>An output file exists and the caller did not ask to overwrite it.</summary>
public sealed class OutputExistsException : SegMeasureException
{
    public OutputExistsException(string path)
        : base("SegMeasure.OutputExists", ErrorKind.AlreadyExists,
               $"{path}: the output file already exists (use --force / -Force to overwrite)", path)
    {
    }
}
