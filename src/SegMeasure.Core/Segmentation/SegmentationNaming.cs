using System.Text.RegularExpressions;

namespace SegMeasure.Core.Segmentation;

/// <summary>
/// The spec's output names: <c>&lt;name&gt;_vSM[-&lt;suffix&gt;].ome.tif</c> and <c>.log</c> beside the
/// input or in one chosen folder, where name is the input file name without its image extension.
/// </summary>
public static partial class SegmentationNaming
{
    /// <summary>Extensions an input may have, longest first so <c>.ome.tif</c> wins over <c>.tif</c>.</summary>
    public static IReadOnlyList<string> AcceptedExtensions { get; } = [".ome.tiff", ".ome.tif", ".tiff", ".tif", ".nd2"];

    public static bool IsAccepted(string path) => ExtensionOf(path) is not null;

    public static string? ExtensionOf(string path) =>
        AcceptedExtensions.FirstOrDefault(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    public static void ValidateSuffix(string? suffix)
    {
        if (!string.IsNullOrEmpty(suffix) && !SuffixPattern().IsMatch(suffix))
            throw new SegMeasureException("SegMeasure.InvalidSuffix", ErrorKind.InvalidArgument,
                $"the output suffix \"{suffix}\" may contain only a-z, A-Z, 0-9 and '-'");
    }

    /// <summary>The mask and log paths for <paramref name="input"/>.</summary>
    public static (string Mask, string Log) OutputsFor(string input, string suffix, string? outputDirectory)
    {
        ValidateSuffix(suffix);
        var extension = ExtensionOf(input)
            ?? throw new SegMeasureException("SegMeasure.UnsupportedInput", ErrorKind.InvalidArgument,
                $"{input}: not an accepted image ({string.Join(", ", AcceptedExtensions)})", input);
        var file = Path.GetFileName(input);
        var name = file[..^extension.Length] + "_vSM" + (string.IsNullOrEmpty(suffix) ? "" : "-" + suffix);
        var folder = outputDirectory ?? Path.GetDirectoryName(Path.GetFullPath(input))!;
        return (Path.Combine(folder, name + ".ome.tif"), Path.Combine(folder, name + ".log"));
    }

    [GeneratedRegex("^[a-zA-Z0-9-]+$")]
    private static partial Regex SuffixPattern();
}
