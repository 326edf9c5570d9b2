using System.Globalization;

namespace SegMeasure.Core.Tiff;

/// <summary>
/// The ImageJ hyperstack description (<c>ImageJ=1.x</c> followed by key=value lines) that
/// ImageJ, Fiji and tifffile write into the first page's ImageDescription. Pages are stored
/// with channels varying fastest, then slices, then frames.
/// </summary>
internal sealed record ImageJMetadata
{
    public int Images { get; init; } = 1;
    public int Channels { get; init; } = 1;
    public int Slices { get; init; } = 1;
    public int Frames { get; init; } = 1;

    /// <summary>Distance between slices, in <see cref="Unit"/>; null when not given.</summary>
    public double? Spacing { get; init; }

    /// <summary>The unit as written (ImageJ's "micron", tifffile's "um", the escaped "\u00B5m"…); null when not given.</summary>
    public string? Unit { get; init; }

    public static bool IsImageJ(string? description) => description is not null && description.StartsWith("ImageJ=", StringComparison.Ordinal);

    /// <summary>Parses the description; null when it is not ImageJ's. Unknown or unreadable keys are ignored.</summary>
    public static ImageJMetadata? Parse(string? description)
    {
        if (!IsImageJ(description)) return null;
        var result = new ImageJMetadata();
        foreach (var rawLine in description!.Split('\n'))
        {
            var line = rawLine.Trim();
            var eq = line.IndexOf('=');
            if (eq <= 0) continue;
            var key = line[..eq].Trim();
            var value = line[(eq + 1)..].Trim();
            switch (key)
            {
                case "images": result = result with { Images = PositiveInt(value) ?? 1 }; break;
                case "channels": result = result with { Channels = PositiveInt(value) ?? 1 }; break;
                case "slices": result = result with { Slices = PositiveInt(value) ?? 1 }; break;
                case "frames": result = result with { Frames = PositiveInt(value) ?? 1 }; break;
                case "spacing":
                    if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && double.IsFinite(s) && s > 0)
                        result = result with { Spacing = s };
                    break;
                case "unit": result = result with { Unit = value.Replace("\\u00B5", "\u00B5") }; break;
            }
        }

        // A plain stack may state only images=N: its images are slices.
        if (result.Images > 1 && (long)result.Channels * result.Slices * result.Frames == 1) result = result with { Slices = result.Images };
        return result;
    }

    private static int? PositiveInt(string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;

    /// <summary>
    /// The description a writer puts on the first page so ImageJ/Fiji and tifffile see a
    /// hyperstack of <paramref name="channels"/> × <paramref name="slices"/> and its calibration.
    /// </summary>
    public static string Format(int channels, int slices, SegMeasure.Core.Images.VoxelSize voxelSize)
    {
        var text = new System.Text.StringBuilder("ImageJ=1.11a\n");
        text.Append(CultureInfo.InvariantCulture, $"images={channels * slices}\n");
        if (channels > 1) text.Append(CultureInfo.InvariantCulture, $"channels={channels}\n");
        if (slices > 1) text.Append(CultureInfo.InvariantCulture, $"slices={slices}\n");
        if (channels > 1 && slices > 1) text.Append("hyperstack=true\n");
        if (channels > 1) text.Append("mode=grayscale\n");
        if (voxelSize.IsCalibrated)
        {
            text.Append("unit=").Append(voxelSize.Unit.Replace("\u00B5", "\\u00B5")).Append('\n');
            if (slices > 1) text.Append(CultureInfo.InvariantCulture, $"spacing={voxelSize.Z:R}\n");
        }

        if (slices > 1) text.Append("loop=false\n");
        return text.ToString();
    }
}
