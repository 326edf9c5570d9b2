using System.Text.Json;

namespace SegMeasure.Core.Zarr;

/// <summary>Reads the small JSON documents of a Zarr store, turning every way they can be wrong into a <see cref="ZarrFormatException"/> naming the file.</summary>
internal static class ZarrJson
{
    /// <summary>Metadata documents are small; a bigger one is not Zarr metadata (or is an attack on memory).</summary>
    private const long MaxLength = 16 << 20;

    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static JsonElement? TryRead(string file)
    {
        if (!File.Exists(file)) return null;
        return Read(file);
    }

    public static JsonElement Read(string file)
    {
        try
        {
            var info = new FileInfo(file);
            if (info.Length > MaxLength) throw new ZarrFormatException($"metadata file of {info.Length} bytes is too large to be Zarr metadata", file);
            // Decode strictly first: JsonDocument accepts invalid UTF-8 inside strings and only fails when one is read.
            var text = StrictUtf8.GetString(File.ReadAllBytes(file));
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64, AllowTrailingCommas = false });
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new ZarrFormatException("metadata is not a JSON object", file);
            return doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new ZarrFormatException($"invalid JSON: {e.Message}", file, ErrorKind.InvalidData, e);
        }
        catch (System.Text.DecoderFallbackException e)
        {
            throw new ZarrFormatException("metadata is not valid UTF-8 text", file, ErrorKind.InvalidData, e);
        }
        catch (IOException e)
        {
            throw new ZarrFormatException($"cannot read: {e.Message}", file, ErrorKind.InvalidData, e);
        }
    }

    public static JsonElement? Property(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    public static string? String(this JsonElement e, string name) => e.Property(name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    public static int[] PositiveInts(JsonElement e, string name, string file, int maxCount = 32)
    {
        if (e.Property(name) is not { ValueKind: JsonValueKind.Array } array) throw new ZarrFormatException($"\"{name}\" is missing or not an array", file);
        var values = new List<int>();
        foreach (var v in array.EnumerateArray())
        {
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out var n) || n < 1 || n > int.MaxValue)
                throw new ZarrFormatException($"\"{name}\" holds {v.GetRawText()}, not a positive integer", file);
            values.Add((int)n);
        }

        if (values.Count == 0 || values.Count > maxCount) throw new ZarrFormatException($"\"{name}\" has {values.Count} entries", file);
        return values.ToArray();
    }

    /// <summary>An array's shape: extents may be zero in Zarr, which no image has.</summary>
    public static int[] Shape(JsonElement e, string name, string file)
    {
        if (e.Property(name) is not { ValueKind: JsonValueKind.Array } array) throw new ZarrFormatException($"\"{name}\" is missing or not an array", file);
        var values = new List<int>();
        foreach (var v in array.EnumerateArray())
        {
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out var n) || n < 0 || n > int.MaxValue)
                throw new ZarrFormatException($"\"{name}\" holds {v.GetRawText()}, not an array extent", file);
            if (n == 0) throw new ZarrFormatException($"the array is empty (\"{name}\" has an extent of 0)", file);
            values.Add((int)n);
        }

        if (values.Count == 0 || values.Count > 32) throw new ZarrFormatException($"\"{name}\" has {values.Count} dimensions", file);
        return values.ToArray();
    }
}
