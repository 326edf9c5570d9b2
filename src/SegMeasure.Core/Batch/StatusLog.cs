using System.Text.Json;

namespace SegMeasure.Core.Batch;

/// <summary>What happened to one input of a sweep, as one line of the status log.</summary>
public enum FileStatus
{
    /// <summary>Processed and written.</summary>
    Done,

    /// <summary>Its output was up to date; nothing was done.</summary>
    Skipped,

    /// <summary>The input could not be processed; the error says why.</summary>
    Failed,
}

/// <summary>
/// A sweep's status log: one JSON object per line and input — <c>file</c>, <c>status</c>
/// (done, skipped, failed), <c>seconds</c>, <c>rows</c> (tables; null otherwise), <c>error</c> —
/// appended and flushed as each input finishes, so a killed sweep's log tells exactly what
/// finished. Lines from parallel workers never interleave. JSON lines because every tool reads
/// them (jq, pandas.read_json(lines=True), ConvertFrom-Json) and shard logs join by concatenation.
/// </summary>
public sealed class StatusLog : IDisposable
{
    private readonly FileStream _stream;
    private readonly object _gate = new();

    private StatusLog(FileStream stream) => _stream = stream;

    /// <summary>Opens <paramref name="path"/> for appending (a re-run adds to the log of the run it resumes).</summary>
    public static StatusLog Open(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(directory))
            throw new SegMeasureException("SegMeasure.DirectoryNotFound", ErrorKind.NotFound, $"{path}: the status log's folder {directory} does not exist", path);
        try
        {
            return new StatusLog(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SegMeasureException("SegMeasure.WriteFailed", ErrorKind.WriteError, $"{path}: cannot write the status log: {e.Message}", path, e);
        }
    }

    /// <summary>Appends one line and flushes it to the file.</summary>
    public void Add(string file, FileStatus status, double seconds, long? rows = null, string? error = null)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("file", file);
            json.WriteString("status", status.ToString().ToLowerInvariant());
            json.WriteNumber("seconds", Math.Round(seconds, 6));
            if (rows is { } r) json.WriteNumber("rows", r); else json.WriteNull("rows");
            if (error is null) json.WriteNull("error"); else json.WriteString("error", error);
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        lock (_gate)
        {
            _stream.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
            _stream.Flush(flushToDisk: false);
        }
    }

    public void Dispose() => _stream.Dispose();
}
