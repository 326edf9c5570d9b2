using System.Reflection;

namespace SegMeasure.Viewer;

/// <summary>
/// The page's files, embedded in this assembly. They are found by exact name in the manifest,
/// so a request path is only ever a dictionary key and never reaches the file system.
/// </summary>
internal static class ViewerAssets
{
    private const string Prefix = "assets/";

    private static readonly Assembly Assembly = typeof(ViewerAssets).Assembly;
    private static readonly IReadOnlySet<string> Names = Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Select(n => n[Prefix.Length..]).ToHashSet(StringComparer.Ordinal);

    /// <summary>The asset's bytes, or null when no asset has exactly that name.</summary>
    public static byte[]? Read(string name)
    {
        if (!Names.Contains(name)) return null;
        using var stream = Assembly.GetManifestResourceStream(Prefix + name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
}
