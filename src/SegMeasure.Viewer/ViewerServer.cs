using System.Net;
using SegMeasure.Viewer.Http;

namespace SegMeasure.Viewer;

/// <summary>
/// Serves a <see cref="ViewerSession"/> to the browser until the user presses Done or the
/// caller cancels: loopback only, a random free port, a per-session token. The front ends
/// start it, show <see cref="Address"/>, and wait; afterwards the port is closed.
/// </summary>
public sealed class ViewerServer : IAsyncDisposable
{
    private readonly LoopbackHttpServer _http;
    private readonly ViewerApi _api;
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ViewerServer(ViewerSession session)
    {
        Session = session;
        var token = LoopbackHttpServer.NewToken();
        _api = new ViewerApi(session, token, () => _done.TrySetResult());
        _http = new LoopbackHttpServer((request, cancellation) => _api.HandleAsync(request, cancellation), token);
    }

    public static ViewerServer Start(ViewerSession session) => new(session);

    public ViewerSession Session { get; }

    public int Port => _http.Port;

    public IPEndPoint LocalEndPoint => _http.LocalEndPoint;

    public string Token => _http.Token;

    /// <summary>Bytes of encoded tiles the server holds now; bounded by <see cref="ViewerOptions.TileCacheBytes"/>.</summary>
    public long TileCacheBytes => _api.TileCacheBytes;

    /// <summary>The page's address with its token: what the user opens.</summary>
    public string Address => $"http://127.0.0.1:{Port}/?token={Token}";

    /// <summary>Completes when the page's Done button is pressed.</summary>
    public Task Done => _done.Task;

    /// <summary>
    /// Blocks until Done, then stops the server. Cancellation (Ctrl+C) stops it too and throws
    /// <see cref="OperationCanceledException"/>.
    /// </summary>
    public void WaitForDone(CancellationToken cancellation)
    {
        try
        {
            Done.Wait(cancellation);
        }
        finally
        {
            DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    public ValueTask DisposeAsync() => _http.DisposeAsync();
}
