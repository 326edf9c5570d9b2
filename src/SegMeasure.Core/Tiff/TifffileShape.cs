using System.Text.Json;

namespace SegMeasure.Core.Tiff;

/// <summary>
/// The JSON description tifffile writes into the first page of a plain file (neither ImageJ nor
/// OME), e.g. <c>{"shape": [5, 7, 1], "axes": "ZYX"}</c>: the shape of the array that was written,
/// which the pages alone do not tell. A (1, Y, X) stack is stored as one Y×X page and a (Z, Y, 1)
/// stack as one Z×Y page; read by their pages they would pass for 2D images. tifffile returns
/// the declared array, and so does SegMeasure.
/// </summary>
internal sealed record TifffileShape(int[] Shape, string? Axes, long ElementCount)
{
    /// <summary>Axis letters SegMeasure can place (see <see cref="Images.VolumeLayout"/>).</summary>
    private const string KnownAxes = "TZCQYX";

    /// <summary>Parses the description; null when it is not tifffile's JSON or declares no usable shape.</summary>
    public static TifffileShape? Parse(string? description)
    {
        if (description is null || !description.TrimStart().StartsWith('{')) return null;
        try
        {
            using var json = JsonDocument.Parse(description);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("shape", out var shape) || shape.ValueKind != JsonValueKind.Array)
                return null;
            var sizes = new List<int>();
            foreach (var size in shape.EnumerateArray())
            {
                if (size.ValueKind != JsonValueKind.Number || !size.TryGetInt32(out int n) || n < 1) return null;
                sizes.Add(n);
            }

            string? axes = root.TryGetProperty("axes", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
            // No array of 2⁶³ elements exists, so a shape that large describes nothing.
            long elements = sizes.Aggregate(1L, (product, n) => checked(product * n));
            return sizes.Count == 0 ? null : new TifffileShape(sizes.ToArray(), axes, elements);
        }
        catch (Exception e) when (e is JsonException or OverflowException)
        {
            return null; // some other writer's text that happens to start with a brace, or an impossible shape
        }
    }

    /// <summary>
    /// The declared shape and its axes when the pages hold exactly that array of one-sample
    /// pixels; null otherwise (the pages' own layout then stands). Axes come from the description
    /// when SegMeasure knows every letter (a repeated letter is kept, so the layout can refuse
    /// it rather than merge), else by rank as the reference reads an array: X for one axis, YX,
    /// depth·YX for three, and unnamed axes Q before YX for more (leading axes of size 1 beyond
    /// three dropped). Nothing is flattened here: whether the array is measurable is
    /// <see cref="Images.VolumeLayout"/>'s decision.
    /// </summary>
    public (int[] Shape, string Axes)? LayoutOf(int pageCount, TiffPage first)
    {
        if (first.SamplesPerPixel != 1 || ElementCount != (long)pageCount * first.Height * first.Width) return null;
        if (Axes is { } declared && declared.Length == Shape.Length && declared.All(c => KnownAxes.Contains(c))
            && declared.Count(c => c == 'Y') == 1 && declared.Count(c => c == 'X') == 1)
            return (Shape, declared);

        var shape = Shape.AsSpan();
        while (shape.Length > 3 && shape[0] == 1) shape = shape[1..];
        return shape.Length switch
        {
            1 => (shape.ToArray(), "X"),
            2 => (shape.ToArray(), "YX"),
            3 => (shape.ToArray(), "QYX"),
            _ => (shape.ToArray(), new string('Q', shape.Length - 2) + "YX"),
        };
    }
}
