using System.Text.RegularExpressions;

namespace SegMeasure.Core.Segmentation;

/// <summary>
/// The spec's output names: <c>&lt;name&gt;_vSM[-&lt;suffix&gt;].ome.tif</c> and <c>.log</c> beside the
/// input or in one chosen folder, where name is the input file name without its image extension.
/// An OME-Zarr input is named after its store (<c>cells.ome.zarr</c> → <c>cells</c>), and a path
/// inside one (an HCS field <c>plate.ome.zarr/B/03/0</c>) after the store and the path below it
/// (<c>plate_B_03_0</c>), so the fields of a plate never collide; outputs go beside the store,
/// never into it.
/// </summary>
public static partial class SegmentationNaming
{
    /// <summary>Extensions an input may have, longest first so <c>.ome.tif</c> wins over <c>.tif</c>.</summary>
    public static IReadOnlyList<string> AcceptedExtensions { get; } = [".ome.tiff", ".ome.tif", ".tiff", ".tif", ".nd2"];

    /// <summary>Extensions of OME-Zarr stores, longest first.</summary>
    private static readonly string[] ZarrExtensions = [".ome.zarr", ".zarr"];

    /// <summary>A file with an accepted extension, or an OME-Zarr image folder.</summary>
    public static bool IsAccepted(string path) => ExtensionOf(path) is not null || Images.ImagePaths.IsZarr(path);

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
        var (stem, besideFolder) = ZarrStemOf(input) ?? FileStemOf(input);
        var name = stem + "_vSM" + (string.IsNullOrEmpty(suffix) ? "" : "-" + suffix);
        var folder = outputDirectory ?? besideFolder;
        return (Path.Combine(folder, name + ".ome.tif"), Path.Combine(folder, name + ".log"));
    }

    private static (string Stem, string Folder) FileStemOf(string input)
    {
        var extension = ExtensionOf(input)
            ?? throw new SegMeasureException("SegMeasure.UnsupportedInput", ErrorKind.InvalidArgument,
                $"{input}: not an accepted image ({string.Join(", ", AcceptedExtensions)}, or an OME-Zarr folder)", input);
        return (Path.GetFileName(input)[..^extension.Length], Path.GetDirectoryName(Path.GetFullPath(input))!);
    }

    /// <summary>For a path in or of a Zarr store: the store's name plus the path below it, and the store's folder.</summary>
    private static (string Stem, string Folder)? ZarrStemOf(string input)
    {
        var parts = new List<string>();
        for (var dir = Path.TrimEndingDirectorySeparator(Path.GetFullPath(input)); !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            var name = Path.GetFileName(dir);
            if (ZarrExtensions.FirstOrDefault(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase)) is { } extension)
            {
                parts.Add(name[..^extension.Length]);
                parts.Reverse();
                return (string.Join("_", parts), Path.GetDirectoryName(dir)!);
            }

            parts.Add(name);
        }

        return null;
    }

    [GeneratedRegex("^[a-zA-Z0-9-]+$")]
    private static partial Regex SuffixPattern();
}
