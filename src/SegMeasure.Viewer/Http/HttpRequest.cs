namespace SegMeasure.Viewer.Http;

/// <summary>One parsed HTTP/1.1 request: the method, the path (still percent-encoded), the query, headers and body.</summary>
internal sealed class HttpRequest
{
    public required string Method { get; init; }
    public required string Path { get; init; }
    public required IReadOnlyDictionary<string, string> Query { get; init; }
    public required IReadOnlyDictionary<string, string> Headers { get; init; }
    public required byte[] Body { get; init; }

    /// <summary>False when the client asked to close the connection after this request.</summary>
    public bool KeepAlive => !Headers.TryGetValue("connection", out var c) || !c.Contains("close", StringComparison.OrdinalIgnoreCase);

    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var v) ? v : null;

    public string? QueryValue(string name) => Query.TryGetValue(name, out var v) ? v : null;
}
