using System.Net.Sockets;
using System.Text;

namespace SegMeasure.Viewer.Tests;

/// <summary>Sends hand-written HTTP requests, so tests control every byte (Host header, unnormalised paths).</summary>
internal static class RawHttp
{
    public static (int Status, string Body) Send(int port, string method, string target, string? host = null, string? token = null, string? body = null)
    {
        using var client = new TcpClient("127.0.0.1", port);
        using var stream = client.GetStream();
        var request = new StringBuilder($"{method} {target} HTTP/1.1\r\nHost: {host ?? $"127.0.0.1:{port}"}\r\nConnection: close\r\n");
        if (token is not null) request.Append($"X-SegMeasure-Token: {token}\r\n");
        var bytes = Encoding.UTF8.GetBytes(body ?? "");
        if (body is not null) request.Append($"Content-Type: application/json\r\nContent-Length: {bytes.Length}\r\n");
        request.Append("\r\n");
        stream.Write(Encoding.ASCII.GetBytes(request.ToString()));
        stream.Write(bytes);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = reader.ReadToEnd();
        var status = int.Parse(response.Split(' ')[1]);
        int split = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return (status, split < 0 ? "" : response[(split + 4)..]);
    }

    public static bool PortOpen(int port)
    {
        try
        {
            using var client = new TcpClient("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
