using Microsoft.Win32.SafeHandles;

namespace SegMeasure.Core.Tiff;

/// <summary>
/// Positional, thread-safe reads from a TIFF file. Every read is checked against the file's
/// length first, so a declared offset or size can never cause a read past the end or an
/// allocation larger than the file.
/// </summary>
internal sealed class TiffSource : IDisposable
{
    private readonly SafeFileHandle _handle;

    public TiffSource(string path)
    {
        Path = path;
        try
        {
            _handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        }
        catch (FileNotFoundException e)
        {
            throw new SegMeasureException("SegMeasure.FileNotFound", ErrorKind.NotFound, $"{path}: file not found", path, e);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new SegMeasureException("SegMeasure.FileNotFound", ErrorKind.NotFound, $"{path}: file not found", path, e);
        }

        Length = RandomAccess.GetLength(_handle);
    }

    public string Path { get; }

    public long Length { get; }

    public bool Contains(ulong offset, ulong count) => offset <= (ulong)Length && count <= (ulong)Length - offset;

    /// <summary>Fills <paramref name="buffer"/> from <paramref name="offset"/>; <paramref name="what"/> names the data for the error message.</summary>
    public void Read(ulong offset, Span<byte> buffer, string what)
    {
        if (!Contains(offset, (ulong)buffer.Length))
            throw Error($"{what} (bytes {offset}..{offset + (ulong)buffer.Length}) extends past the end of the file ({Length} bytes)");
        long position = (long)offset;
        while (!buffer.IsEmpty)
        {
            int n = RandomAccess.Read(_handle, buffer, position);
            if (n <= 0) throw Error($"{what}: unexpected end of file at byte {position}");
            buffer = buffer[n..];
            position += n;
        }
    }

    public TiffFormatException Error(string message, ErrorKind kind = ErrorKind.InvalidData) => new(message, Path, kind);

    public void Dispose() => _handle.Dispose();
}
