namespace SegMeasure.Core;

/// <summary>
/// An output written over a long time (a sweep's combined table), opened by
/// <see cref="OutputFile.Open"/>: the rules of <see cref="OutputFile.Write"/>, split into open,
/// write and <see cref="Commit"/>. The content
/// goes to a temporary file in the output's folder; <see cref="Commit"/> renames it into place,
/// and disposing without committing (failure, cancellation) deletes it, so the output appears
/// complete or not at all.
/// </summary>
public sealed class PendingOutputFile : IDisposable
{
    private readonly string _path;
    private readonly string _full;
    private readonly bool _overwrite;
    private readonly string _what;
    private string? _temporary;
    private FileStream? _stream;

    /// <summary>Refuses an existing <paramref name="path"/> unless <paramref name="overwrite"/>, and opens its temporary file.</summary>
    internal PendingOutputFile(string path, bool overwrite, string what)
    {
        OutputFile.RefuseExisting(overwrite, path);
        _path = path;
        _overwrite = overwrite;
        _what = what;
        _full = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar);
        var directory = Path.GetDirectoryName(_full)!;
        if (!Directory.Exists(directory))
            throw new SegMeasureException("SegMeasure.DirectoryNotFound", ErrorKind.NotFound, $"{path}: the output folder {directory} does not exist", path);
        _stream = Guard(() => OpenTemporary());
    }

    /// <summary>The temporary file's stream, readable too, so content can be read back before the rename.</summary>
    public Stream Stream => _stream ?? throw new ObjectDisposedException(nameof(PendingOutputFile));

    /// <summary>Replaces the content: a fresh temporary file whose stream is returned; the old one stays readable until <paramref name="rewrite"/> returns, then is deleted.</summary>
    public void Rewrite(Action<Stream, Stream> rewrite)
    {
        var old = _stream!;
        var oldPath = _temporary!;
        _stream = Guard(() => OpenTemporary());
        try
        {
            Guard(() => { old.Position = 0; rewrite(old, _stream); return 0; });
        }
        finally
        {
            old.Dispose();
            File.Delete(oldPath);
        }
    }

    /// <summary>Closes the temporary file and renames it into place.</summary>
    public void Commit()
    {
        var stream = _stream ?? throw new ObjectDisposedException(nameof(PendingOutputFile));
        Guard(() =>
        {
            stream.Dispose();
            _stream = null;
            try
            {
                File.Move(_temporary!, _full, _overwrite);
            }
            catch (IOException) when (!_overwrite && File.Exists(_full))
            {
                throw new OutputExistsException(_path); // appeared while we wrote
            }

            return 0;
        });
    }

    public void Dispose()
    {
        _stream?.Dispose();
        _stream = null;
        if (_temporary is not null && File.Exists(_temporary)) File.Delete(_temporary);
    }

    private FileStream OpenTemporary()
    {
        _temporary = OutputFile.TemporaryPathOf(_full);
        return new FileStream(_temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
    }

    private T Guard<T>(Func<T> io)
    {
        try
        {
            return io();
        }
        catch (Exception e) when (e is UnauthorizedAccessException || (e is IOException && e is not FileNotFoundException))
        {
            throw new SegMeasureException("SegMeasure.WriteFailed", ErrorKind.WriteError, $"{_path}: cannot write {_what}: {e.Message}", _path, e);
        }
    }
}
