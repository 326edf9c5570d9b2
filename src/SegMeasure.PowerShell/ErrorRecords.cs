using System.Management.Automation;
using SegMeasure.Core;

namespace SegMeasure.PowerShell;

/// <summary>Turns core failures into ErrorRecords with stable ids and a fitting category.</summary>
internal static class ErrorRecords
{
    public static ErrorRecord From(Exception exception, string target) => exception switch
    {
        SegMeasureException e => new ErrorRecord(e, e.ErrorId, CategoryOf(e.Kind), target),
        FileNotFoundException or DirectoryNotFoundException => new ErrorRecord(exception, "SegMeasure.FileNotFound", ErrorCategory.ObjectNotFound, target),
        UnauthorizedAccessException => new ErrorRecord(exception, "SegMeasure.AccessDenied", ErrorCategory.PermissionDenied, target),
        _ => new ErrorRecord(exception, "SegMeasure.IOError", ErrorCategory.ReadError, target),
    };

    public static ErrorCategory CategoryOf(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidData => ErrorCategory.InvalidData,
        ErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
        ErrorKind.NotFound => ErrorCategory.ObjectNotFound,
        ErrorKind.AlreadyExists => ErrorCategory.ResourceExists,
        ErrorKind.NotSupported => ErrorCategory.NotImplemented,
        ErrorKind.WriteError => ErrorCategory.WriteError,
        _ => ErrorCategory.NotSpecified,
    };
}
