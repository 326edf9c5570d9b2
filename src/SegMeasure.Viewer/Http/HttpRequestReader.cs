using System.Text;

namespace SegMeasure.Viewer.Http;

/// <summary>
/// Reads HTTP/1.1 requests from a connection: the request line, headers and a Content-Length
/// body. Deliberately small: no chunked uploads, bounded header and body sizes, so a misbehaving
/// client cannot make the viewer allocate without limit.
/// </summary>
internal sealed class HttpRequestReader
{
    public const int MaxHeaderBytes = 32 * 1024;
    public const int MaxBodyBytes = 64 * 1024 * 1024;

    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start, _end;

    public HttpRequestReader(Stream stream) => _stream = stream;

    /// <summary>The next request, or null when the client closed the connection between requests.</summary>
    /// <exception cref="InvalidDataException">The request is malformed or too large.</exception>
    public async Task<HttpRequest?> ReadAsync(CancellationToken cancellation)
    {
        int headerEnd;
        while ((headerEnd = FindHeaderEnd()) < 0)
        {
            if (_end - _start >= MaxHeaderBytes) throw new InvalidDataException("headers too large");
            if (!await FillAsync(cancellation)) return _end == _start ? null : throw new InvalidDataException("connection closed mid-request");
        }

        var head = Encoding.ASCII.GetString(_buffer, _start, headerEnd - _start).Split("\r\n");
        _start = headerEnd + 4;
        var requestLine = head[0].Split(' ');
        if (requestLine.Length != 3 || !requestLine[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
            throw new InvalidDataException("malformed request line");

        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in head.Skip(1))
        {
            int colon = line.IndexOf(':');
            if (colon <= 0) throw new InvalidDataException("malformed header");
            var name = line[..colon].Trim().ToLowerInvariant();
            // A repeated Host header could smuggle a second host past the check: refuse it.
            if (headers.ContainsKey(name) && name == "host") throw new InvalidDataException("repeated Host header");
            headers[name] = line[(colon + 1)..].Trim();
        }

        if (headers.ContainsKey("transfer-encoding")) throw new InvalidDataException("chunked request bodies are not accepted");
        int length = 0;
        if (headers.TryGetValue("content-length", out var text) && (!int.TryParse(text, out length) || length < 0 || length > MaxBodyBytes))
            throw new InvalidDataException("invalid or too large Content-Length");

        var body = new byte[length];
        int copied = 0;
        while (copied < length)
        {
            if (_end == _start && !await FillAsync(cancellation)) throw new InvalidDataException("connection closed mid-body");
            int n = Math.Min(length - copied, _end - _start);
            Buffer.BlockCopy(_buffer, _start, body, copied, n);
            _start += n;
            copied += n;
        }

        var target = requestLine[1];
        int question = target.IndexOf('?');
        return new HttpRequest
        {
            Method = requestLine[0],
            Path = question < 0 ? target : target[..question],
            Query = ParseQuery(question < 0 ? "" : target[(question + 1)..]),
            Headers = headers,
            Body = body,
        };
    }

    private int FindHeaderEnd()
    {
        for (int i = _start; i + 3 < _end; i++)
            if (_buffer[i] == '\r' && _buffer[i + 1] == '\n' && _buffer[i + 2] == '\r' && _buffer[i + 3] == '\n') return i;
        return -1;
    }

    private async Task<bool> FillAsync(CancellationToken cancellation)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length) return true;
        int n = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellation);
        _end += n;
        return n > 0;
    }

    private static Dictionary<string, string> ParseQuery(string query)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = pair.IndexOf('=');
            var name = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            result[name] = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
        }

        return result;
    }
}
