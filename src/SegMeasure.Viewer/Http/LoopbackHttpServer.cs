using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace SegMeasure.Viewer.Http;

/// <summary>
/// A small HTTP/1.1 server on the loopback interface only, on a free port the system picks.
/// Every request must carry the session token (query <c>token</c> or header
/// <c>X-SegMeasure-Token</c>) and a Host header naming this very address (127.0.0.1:PORT or
/// localhost:PORT), so neither another local user's page nor a DNS-rebinding site can talk to
/// it. Anything else gets 403 before the handler sees it. Disposing stops it and closes every
/// connection.
/// </summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    public const string TokenHeader = "x-segmeasure-token";

    private readonly TcpListener _listener;
    private readonly Func<HttpRequest, CancellationToken, Task<HttpResponse>> _handler;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Dictionary<TcpClient, Task> _clients = [];
    private readonly Task _acceptLoop;
    private readonly byte[] _token;
    private int _disposed;

    public LoopbackHttpServer(Func<HttpRequest, CancellationToken, Task<HttpResponse>> handler, string token)
    {
        _handler = handler;
        Token = token;
        _token = Encoding.ASCII.GetBytes(Token);
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public int Port { get; }

    /// <summary>A fresh per-session secret: 256 random bits as hex.</summary>
    public static string NewToken() => Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();

    public string Token { get; }

    public IPEndPoint LocalEndPoint => (IPEndPoint)_listener.LocalEndpoint;

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            lock (_clients) _clients[client] = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        try
        {
            client.NoDelay = true;
            var stream = client.GetStream();
            var reader = new HttpRequestReader(stream);
            while (!_stopping.IsCancellationRequested)
            {
                HttpRequest? request;
                try
                {
                    request = await reader.ReadAsync(_stopping.Token);
                }
                catch (InvalidDataException e)
                {
                    await WriteAsync(stream, HttpResponse.BadRequest(e.Message), keepAlive: false);
                    return;
                }

                if (request is null) return;
                var response = Authorize(request) ?? await HandleAsync(request);
                await WriteAsync(stream, response, request.KeepAlive);
                if (!request.KeepAlive) return;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away or the server is stopping.
        }
        finally
        {
            lock (_clients) _clients.Remove(client);
            client.Dispose();
        }
    }

    private async Task<HttpResponse> HandleAsync(HttpRequest request)
    {
        try
        {
            return await _handler(request, _stopping.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HttpResponse.Text(500, $"error: {e.Message}");
        }
    }

    /// <summary>Null when the request may go on; otherwise the refusal.</summary>
    private HttpResponse? Authorize(HttpRequest request)
    {
        var host = request.Header("host");
        if (host != $"127.0.0.1:{Port}" && host != $"localhost:{Port}")
            return HttpResponse.Forbidden("the Host header must name this viewer's loopback address");
        var given = request.Header(TokenHeader) ?? request.QueryValue("token");
        if (given is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(given), _token))
            return HttpResponse.Forbidden("missing or wrong session token");
        return null;
    }

    private static async Task WriteAsync(Stream stream, HttpResponse response, bool keepAlive)
    {
        var head = new StringBuilder()
            .Append($"HTTP/1.1 {response.Status} {HttpResponse.ReasonOf(response.Status)}\r\n")
            .Append($"Content-Type: {response.ContentType}\r\n")
            .Append($"Content-Length: {response.Body.Length}\r\n")
            .Append("Cache-Control: no-store\r\n")
            .Append("X-Content-Type-Options: nosniff\r\n")
            .Append("Referrer-Policy: no-referrer\r\n")
            // The page loads nothing but its own assets and data: no internet, no inline script.
            .Append("Content-Security-Policy: default-src 'self'; img-src 'self' data: blob:; frame-ancestors 'none'\r\n")
            .Append(keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n");
        foreach (var (name, value) in response.Headers ?? []) head.Append($"{name}: {value}\r\n");
        head.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
        await stream.WriteAsync(response.Body);
        await stream.FlushAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _stopping.Cancel();
        _listener.Stop();
        // Let a response being written (the answer to Done) reach the page, then close the rest.
        Task[] serving;
        lock (_clients) serving = [.. _clients.Values];
        await Task.WhenAny(Task.WhenAll(serving), Task.Delay(TimeSpan.FromSeconds(2)));
        TcpClient[] open;
        lock (_clients) open = [.. _clients.Keys];
        foreach (var client in open) client.Dispose();
        try
        {
            await _acceptLoop;
        }
        catch (OperationCanceledException)
        {
        }

    }
}
