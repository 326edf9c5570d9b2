using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace SegMeasure.Viewer.Tests;

/// <summary>What keeps the viewer private: token, Host check, no file system paths, loopback only, and a server that goes away.</summary>
public sealed class ViewerServerSecurityTests : IAsyncLifetime
{
    private ViewerServer _server = null!;

    public Task InitializeAsync()
    {
        _server = ViewerServer.Start(ViewerSession.Create([new ViewerMember(TestFiles.CellsSeg, TestFiles.CellsRaw)]));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("short")]
    public void A_missing_or_wrong_token_gets_403_everywhere(string? token)
    {
        foreach (var target in new[] { "/", "/api/session", "/api/table", "/assets/viewer.js", "/api/tile?m=0&layer=labels&z=0&level=0&tx=0&ty=0" })
        {
            var query = token is null ? target : $"{target}{(target.Contains('?') ? '&' : '?')}token={token}";
            Assert.Equal(403, RawHttp.Send(_server.Port, "GET", query).Status);
            Assert.Equal(403, RawHttp.Send(_server.Port, "GET", target, token: token).Status);
        }

        Assert.Equal(403, RawHttp.Send(_server.Port, "POST", "/api/done", token: token, body: "{}").Status);
        Assert.False(_server.Done.IsCompleted);
    }

    [Fact]
    public void The_right_token_opens_the_page_and_its_data()
    {
        var (status, body) = RawHttp.Send(_server.Port, "GET", $"/?token={_server.Token}");
        Assert.Equal(200, status);
        Assert.Contains($"/assets/viewer.js?token={_server.Token}", body);
        Assert.Equal(200, RawHttp.Send(_server.Port, "GET", "/api/session", token: _server.Token).Status);
        Assert.Equal(200, RawHttp.Send(_server.Port, "GET", "/api/session", host: $"localhost:{_server.Port}", token: _server.Token).Status);
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:{port}")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:1")]
    [InlineData("localhost.evil.example:{port}")]
    [InlineData("0.0.0.0:{port}")]
    public void A_foreign_host_header_is_refused_even_with_the_token(string host)
    {
        var response = RawHttp.Send(_server.Port, "GET", "/api/session", host: host.Replace("{port}", $"{_server.Port}"), token: _server.Token);
        Assert.Equal(403, response.Status);
        Assert.Contains("Host", response.Body);
    }

    [Theory]
    [InlineData("/assets/../../../../etc/passwd")]
    [InlineData("/assets/..%2f..%2f..%2f..%2fetc%2fpasswd")]
    [InlineData("/assets/%2e%2e/%2e%2e/etc/passwd")]
    [InlineData("/../../etc/passwd")]
    [InlineData("/assets//etc/passwd")]
    [InlineData("/assets/..\\..\\SegMeasure.Viewer.dll")]
    [InlineData("/assets/SegMeasure.Viewer.dll")]
    [InlineData("/examples/data/membrane-seg.tif")]
    [InlineData("/api/tile?m=../../etc/passwd&layer=labels&z=0&level=0&tx=0&ty=0")]
    [InlineData("/api/tile?m=1&layer=labels&z=0&level=0&tx=0&ty=0")]
    [InlineData("/api/tile?m=-1&layer=labels&z=0&level=0&tx=0&ty=0")]
    [InlineData("/api/tile?m=0&layer=/etc/passwd&z=0&level=0&tx=0&ty=0")]
    [InlineData("/api/tile?m=0&layer=labels&z=0&level=40&tx=0&ty=0")]
    public void Paths_from_the_page_never_reach_the_file_system(string target)
    {
        var (status, body) = RawHttp.Send(_server.Port, "GET", target, token: _server.Token);
        Assert.Equal(404, status);
        Assert.DoesNotContain("root:", body);
    }

    [Fact]
    public void It_listens_on_the_loopback_interface_only()
    {
        Assert.Equal(IPAddress.Loopback, _server.LocalEndPoint.Address);
        var others = NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            .ToList();
        foreach (var address in others)
        {
            using var client = new TcpClient();
            Assert.ThrowsAny<SocketException>(() => client.Connect(address, _server.Port));
        }

        using var v6 = new TcpClient(AddressFamily.InterNetworkV6);
        Assert.ThrowsAny<SocketException>(() => v6.Connect(IPAddress.IPv6Loopback, _server.Port));
    }

    [Fact]
    public async Task Done_ends_the_session_and_the_port_closes()
    {
        var waiting = Task.Run(() => _server.WaitForDone(CancellationToken.None));
        var (status, body) = RawHttp.Send(_server.Port, "POST", "/api/done", token: _server.Token, body: "{}");
        Assert.Equal(200, status);
        Assert.Contains("done", body);
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(RawHttp.PortOpen(_server.Port));
    }

    [Fact]
    public void Cancellation_stops_the_server_and_the_port_closes()
    {
        using var cancel = new CancellationTokenSource();
        var waiting = Task.Run(() => _server.WaitForDone(cancel.Token));
        Assert.Equal(200, RawHttp.Send(_server.Port, "GET", "/api/session", token: _server.Token).Status);
        cancel.Cancel();
        var error = Assert.ThrowsAny<AggregateException>(() => waiting.Wait(TimeSpan.FromSeconds(10)));
        Assert.IsAssignableFrom<OperationCanceledException>(error.InnerException);
        Assert.False(RawHttp.PortOpen(_server.Port));
        Assert.False(_server.Done.IsCompleted);
    }

    [Fact]
    public void Malformed_and_oversized_requests_are_rejected()
    {
        using var client = new TcpClient("127.0.0.1", _server.Port);
        using var stream = client.GetStream();
        stream.Write(System.Text.Encoding.ASCII.GetBytes($"POST /api/paint HTTP/1.1\r\nHost: 127.0.0.1:{_server.Port}\r\nContent-Length: 999999999999\r\n\r\n"));
        using var reader = new StreamReader(stream);
        Assert.StartsWith("HTTP/1.1 400", reader.ReadLine());
    }
}
