using BitMiracle.LibTiff.Classic;
using LibTiff = BitMiracle.LibTiff.Classic.Tiff;

namespace SegMeasure.Core.Tiff;

/// <summary>
/// LibTiff.NET reports errors and warnings through one process-wide handler that, by default,
/// prints to the console. The core never prints: this handler is stateless and hands each
/// message to the <see cref="LibTiffClient"/> of the file it concerns (LibTiff passes it along
/// as the client data), where the decoder turns it into the typed format error.
/// </summary>
internal sealed class LibTiffErrors : TiffErrorHandler
{
    private static readonly Lazy<bool> Installed = new(() =>
    {
        LibTiff.SetErrorHandler(new LibTiffErrors());
        return true;
    });

    /// <summary>Installs the handler once per process, before the first file is opened.</summary>
    public static void EnsureInstalled() => _ = Installed.Value;

    public override void ErrorHandler(LibTiff tif, string method, string format, params object[] args)
    {
    }

    public override void ErrorHandlerExt(LibTiff tif, object clientData, string method, string format, params object[] args)
    {
        if (clientData is LibTiffClient client) client.LastError = Format(format, args);
    }

    public override void WarningHandler(LibTiff tif, string method, string format, params object[] args)
    {
    }

    public override void WarningHandlerExt(LibTiff tif, object clientData, string method, string format, params object[] args)
    {
    }

    private static string Format(string format, object[] args)
    {
        try
        {
            return args.Length == 0 ? format : string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args);
        }
        catch (FormatException)
        {
            return format;
        }
    }
}

/// <summary>One open file as LibTiff.NET sees it: the stream it reads, and the last error it reported.</summary>
internal sealed class LibTiffClient(Stream stream)
{
    public Stream Stream { get; } = stream;

    public string? LastError { get; set; }
}

/// <summary>Lets LibTiff.NET read through a <see cref="LibTiffClient"/>, so its errors reach that client.</summary>
internal sealed class LibTiffClientStream : TiffStream
{
    public override int Read(object clientData, byte[] buffer, int offset, int count) => ((LibTiffClient)clientData).Stream.Read(buffer, offset, count);

    public override void Write(object clientData, byte[] buffer, int offset, int count) => throw new NotSupportedException("read-only");

    public override long Seek(object clientData, long offset, SeekOrigin origin) => ((LibTiffClient)clientData).Stream.Seek(offset, origin);

    public override void Close(object clientData) => ((LibTiffClient)clientData).Stream.Dispose();

    public override long Size(object clientData) => ((LibTiffClient)clientData).Stream.Length;
}
