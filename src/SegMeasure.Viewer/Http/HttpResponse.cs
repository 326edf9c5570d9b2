using System.Text;

namespace SegMeasure.Viewer.Http;

/// <summary>A complete response: status, content type, body and any extra headers.</summary>
internal sealed record HttpResponse(int Status, string ContentType, byte[] Body, IReadOnlyList<(string Name, string Value)>? Headers = null)
{
    public static HttpResponse Text(int status, string text) => new(status, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes(text + "\n"));

    public static HttpResponse Json(string json, int status = 200) => new(status, "application/json; charset=utf-8", Encoding.UTF8.GetBytes(json));

    public static HttpResponse Forbidden(string why) => Text(403, $"forbidden: {why}");

    public static HttpResponse NotFound() => Text(404, "not found");

    public static HttpResponse BadRequest(string why) => Text(400, $"bad request: {why}");

    public static string ReasonOf(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        411 => "Length Required",
        413 => "Payload Too Large",
        500 => "Internal Server Error",
        _ => "Status",
    };
}
