using System.Text;
using System.Text.Json;

namespace SegMeasure.Core.Batch;

/// <summary>
/// The record of how an output was made, kept in a sidecar file beside it
/// (<c>dir/.cells.csv.segmeasure</c>): the parameter hash and the inputs it was made from.
/// <para>
/// A sidecar rather than a field inside the output, because the outputs are formats other tools
/// read (CSV that pandas compares against the Python tool's, TIFF, XLSX, Parquet): a stamp inside
/// would change their content or need one hiding place per format. The sidecar is written after
/// the output is renamed into place, so a sidecar never vouches for a half-written output; an
/// output without its sidecar (a run killed between the two) is simply made again.
/// </para>
/// </summary>
public static class OutputStamp
{
    /// <summary>The sidecar of <paramref name="outputPath"/>: a hidden file in the same folder.</summary>
    public static string SidecarOf(string outputPath)
    {
        var full = Path.GetFullPath(outputPath);
        return Path.Combine(Path.GetDirectoryName(full)!, "." + Path.GetFileName(full) + ".segmeasure");
    }

    /// <summary>
    /// True when <paramref name="outputPath"/> exists, is at least as new as every input, and its
    /// sidecar holds <paramref name="parameterHash"/>. A missing or unreadable sidecar means "not up to date".
    /// </summary>
    public static bool IsUpToDate(string outputPath, IEnumerable<string?> inputs, string parameterHash)
    {
        if (!File.Exists(outputPath)) return false;
        var sidecar = SidecarOf(outputPath);
        if (!File.Exists(sidecar)) return false;
        var made = File.GetLastWriteTimeUtc(outputPath);
        foreach (var input in inputs)
            if (input is not null && (!File.Exists(input) || File.GetLastWriteTimeUtc(input) > made)) return false;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(sidecar));
            return document.RootElement.TryGetProperty("parameters", out var hash)
                   && hash.ValueKind == JsonValueKind.String && hash.GetString() == parameterHash;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Writes the sidecar of a finished output (replacing an older one), atomically through <see cref="OutputFile"/>.</summary>
    public static void Write(string outputPath, IEnumerable<string?> inputs, string parameterHash)
    {
        OutputFile.Write(SidecarOf(outputPath), overwrite: true, stream =>
        {
            using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            json.WriteStartObject();
            json.WriteString("parameters", parameterHash);
            json.WriteStartArray("inputs");
            foreach (var input in inputs) if (input is not null) json.WriteStringValue(input);
            json.WriteEndArray();
            json.WriteString("made", DateTime.UtcNow.ToString("O"));
            json.WriteEndObject();
        }, "the output's stamp");
    }
}
