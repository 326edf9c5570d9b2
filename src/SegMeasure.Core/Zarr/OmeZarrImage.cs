using System.Text.Json;
using SegMeasure.Core.Images;
using SegMeasure.Core.Tiff;

namespace SegMeasure.Core.Zarr;

/// <summary>
/// An image in an OME-Zarr store (NGFF 0.4 on Zarr v2, 0.5 on Zarr v3), opened from any path a
/// user would give: the image group (<c>cells.ome.zarr</c>, level 0), one level's array
/// (<c>cells.ome.zarr/1</c>), a label image (<c>cells.ome.zarr/labels/nuclei</c>), or an HCS
/// field (<c>plate.ome.zarr/B/03/0</c>). Axes and their units come from the multiscales
/// metadata, the voxel size from the level's scale transformation (times the multiscale's
/// own, if any). A plain Zarr array without OME metadata reads like a plain TIFF: YX, or a
/// generic depth axis before YX. Plates, wells and label lists are refused with the paths to use.
/// </summary>
internal sealed class OmeZarrImage
{
    private OmeZarrImage(ZarrArray array, string axes, VoxelSize voxelSize, int level)
    {
        Array = array;
        Axes = axes;
        Shape = array.Shape;
        VoxelSize = voxelSize;
        Level = level;
        // bioformats2raw writes every image as TCZYX: a Z of one slice beside T or C is a 2D
        // image's placeholder, not a one-slice volume. Dropping a size-1 axis leaves the data as it is.
        int z = axes.IndexOf('Z');
        if (z >= 0 && Shape[z] == 1 && (axes.Contains('T') || axes.Contains('C')))
        {
            Axes = axes.Remove(z, 1);
            Shape = Shape.Where((_, i) => i != z).ToArray();
        }
    }

    /// <summary>Extents in C order, matching <see cref="Axes"/>.</summary>
    public int[] Shape { get; }

    private static readonly JsonElement NoAttributes = JsonDocument.Parse("{}").RootElement.Clone();

    public ZarrArray Array { get; }

    /// <summary>Axis letters as for TIFF series: T, C, Z, Y, X (Q for an unnamed space axis).</summary>
    public string Axes { get; }

    public VoxelSize VoxelSize { get; }

    public int Level { get; }

    public static OmeZarrImage Open(string path, int? level = null)
    {
        var directory = Path.TrimEndingDirectorySeparator(path);
        if (!System.IO.Directory.Exists(directory))
            throw new SegMeasureException("SegMeasure.FileNotFound", ErrorKind.NotFound, $"{path}: no such Zarr folder", path);

        if (ZarrArrayMetadata.IsArray(directory))
        {
            // One level's array: its axes and scale live in the parent's multiscales.
            var parent = Path.GetDirectoryName(directory);
            var name = Path.GetFileName(directory);
            if (parent is not null && Attributes(parent) is { } parentAttributes && Multiscale(parentAttributes, parent) is { } parentScales)
            {
                var datasets = Datasets(parentScales, parent);
                int found = datasets.FindIndex(d => d.String("path") == name);
                if (found >= 0) return FromMultiscale(parent, parentScales, found, path);
            }

            if (level is not null) throw new ZarrFormatException("a level was requested, but this is one array, not a multiscale image", path, ErrorKind.InvalidArgument);
            var plain = ZarrArray.Open(directory);
            return new OmeZarrImage(plain, PlainAxes(plain.Shape.Length), VoxelSize.Uncalibrated, 0);
        }

        var attributes = Attributes(directory) ?? throw new ZarrFormatException("not a Zarr array or group (no .zarray, .zgroup/.zattrs or zarr.json)", path);
        if (Multiscale(attributes, directory) is { } multiscale) return FromMultiscale(directory, multiscale, level ?? 0, path);
        if (attributes.Property("plate") is { } plate)
        {
            var wells = plate.Property("wells") is { ValueKind: JsonValueKind.Array } w ? w.EnumerateArray().Select(e => e.String("path")).Where(p => p is not null).Take(3).ToList() : [];
            throw new ZarrFormatException($"this is an HCS plate, not an image: give one field, e.g. {Path.Combine(path, wells.FirstOrDefault() ?? "A/1", "0")}", path, ErrorKind.InvalidArgument);
        }

        if (attributes.Property("well") is { } well)
        {
            var images = well.Property("images") is { ValueKind: JsonValueKind.Array } i ? i.EnumerateArray().Select(e => e.String("path")).Where(p => p is not null).ToList() : [];
            throw new ZarrFormatException($"this is a well of an HCS plate: give one of its fields ({string.Join(", ", images.Select(f => Path.Combine(path, f!)))})", path, ErrorKind.InvalidArgument);
        }

        if (attributes.Property("labels") is { ValueKind: JsonValueKind.Array } labels)
            throw new ZarrFormatException($"this is a list of label images: give one of them ({string.Join(", ", labels.EnumerateArray().Select(l => Path.Combine(path, l.GetString() ?? "")))})", path, ErrorKind.InvalidArgument);
        throw new ZarrFormatException("a Zarr group without OME-Zarr multiscales metadata: give the path of an image or one of its arrays", path, ErrorKind.InvalidArgument);
    }

    /// <summary>Reads every pixel of the chosen level.</summary>
    public TiffPixels Read(IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default) =>
        new(Array.ReadAll(progress, cancellationToken), Array.PixelType, Shape, Axes, VoxelSize);

    /// <summary>The group's attributes: v2 <c>.zattrs</c>, or v3 <c>zarr.json</c> attributes (OME keys under "ome" in 0.5).</summary>
    private static JsonElement? Attributes(string directory)
    {
        if (ZarrJson.TryRead(Path.Combine(directory, "zarr.json")) is { } v3)
        {
            var attributes = v3.Property("attributes");
            return attributes?.Property("ome") ?? attributes ?? (v3.String("node_type") == "group" ? NoAttributes : null);
        }

        if (ZarrJson.TryRead(Path.Combine(directory, ".zattrs")) is { } v2) return v2;
        return File.Exists(Path.Combine(directory, ".zgroup")) ? NoAttributes : null;
    }

    private static JsonElement? Multiscale(JsonElement attributes, string directory)
    {
        if (attributes.Property("multiscales") is not { } list) return null;
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
            throw new ZarrFormatException("\"multiscales\" is not a non-empty list", directory);
        return list[0];
    }

    private static List<JsonElement> Datasets(JsonElement multiscale, string directory) =>
        multiscale.Property("datasets") is { ValueKind: JsonValueKind.Array } d && d.GetArrayLength() > 0
            ? d.EnumerateArray().ToList()
            : throw new ZarrFormatException("multiscales has no \"datasets\"", directory);

    private static OmeZarrImage FromMultiscale(string directory, JsonElement multiscale, int level, string path)
    {
        var datasets = Datasets(multiscale, directory);
        if (level < 0 || level >= datasets.Count)
            throw new ZarrFormatException($"level {level} was requested, but the image has levels 0..{datasets.Count - 1}", path, ErrorKind.InvalidArgument);
        var dataset = datasets[level];
        var relative = dataset.String("path") ?? throw new ZarrFormatException($"dataset {level} has no \"path\"", directory);
        if (relative.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
            throw new ZarrFormatException($"dataset path \"{relative}\" leaves the image folder", directory);
        var array = ZarrArray.Open(Path.Combine(directory, relative));
        int rank = array.Shape.Length;

        var (axes, units) = AxesOf(multiscale, rank, directory, array.Metadata.DimensionNames);
        var scale = Scale(dataset.Property("coordinateTransformations"), rank, directory);
        var global = Scale(multiscale.Property("coordinateTransformations"), rank, directory);
        for (int d = 0; d < rank; d++) scale[d] *= global[d];

        double Along(char axis) => axes.IndexOf(axis) is var i and >= 0 ? scale[i] : 1.0;
        string? unit = null;
        foreach (var letter in "XYZ")
            if (axes.IndexOf(letter) is var i and >= 0 && units[i] is { } u) { unit = LengthUnits.Normalize(u); break; }
        bool calibrated = unit is not null && unit != "pixel" || "ZYX".Any(a => Along(a) != 1.0);
        var voxel = calibrated ? new VoxelSize(Along('Z'), Along('Y'), Along('X'), unit ?? "pixel") : VoxelSize.Uncalibrated;
        return new OmeZarrImage(array, axes, voxel, level);
    }

    /// <summary>Axis letters from the metadata's axes (0.4+: objects with name, type and unit; 0.3: names; v3 dimension names); unknown space axes become Q.</summary>
    private static (string Axes, string?[] Units) AxesOf(JsonElement multiscale, int rank, string directory, string[]? dimensionNames)
    {
        var letters = new char[rank];
        var units = new string?[rank];
        if (multiscale.Property("axes") is { ValueKind: JsonValueKind.Array } list)
        {
            var items = list.EnumerateArray().ToList();
            if (items.Count != rank) throw new ZarrFormatException($"multiscales names {items.Count} axes for an array of {rank} dimensions", directory);
            for (int i = 0; i < rank; i++)
            {
                var (name, type, unit) = items[i].ValueKind == JsonValueKind.String
                    ? (items[i].GetString(), null, null)
                    : (items[i].String("name"), items[i].String("type"), items[i].String("unit"));
                letters[i] = Letter(name, type);
                units[i] = unit;
            }
        }
        else if (dimensionNames is { } names && names.Length == rank)
        {
            for (int i = 0; i < rank; i++) letters[i] = Letter(names[i], null);
        }
        else
        {
            return (PlainAxes(rank), units);
        }

        return (new string(letters), units);
    }

    private static char Letter(string? name, string? type) => (name?.ToLowerInvariant(), type) switch
    {
        ("t", _) or (_, "time") => 'T',
        ("c", _) or (_, "channel") => 'C',
        ("z", _) => 'Z',
        ("y", _) => 'Y',
        ("x", _) => 'X',
        _ => 'Q',
    };

    /// <summary>Axes of an array known only by its rank, as the reference reads a numpy array.</summary>
    private static string PlainAxes(int rank) => rank switch
    {
        1 => "X",
        2 => "YX",
        _ => new string('Q', rank - 2) + "YX",
    };

    private static double[] Scale(JsonElement? transformations, int rank, string directory)
    {
        var scale = Enumerable.Repeat(1.0, rank).ToArray();
        if (transformations is not { ValueKind: JsonValueKind.Array } list) return scale;
        foreach (var t in list.EnumerateArray())
        {
            if (t.String("type") != "scale") continue;
            if (t.Property("scale") is not { ValueKind: JsonValueKind.Array } values || values.GetArrayLength() != rank)
                throw new ZarrFormatException($"a scale transformation does not have {rank} values", directory);
            int i = 0;
            foreach (var v in values.EnumerateArray())
            {
                if (v.ValueKind != JsonValueKind.Number || v.GetDouble() is var s && (!double.IsFinite(s) || s <= 0))
                    throw new ZarrFormatException($"scale value {v.GetRawText()} is not a positive number", directory);
                scale[i++] *= v.GetDouble();
            }
        }

        return scale;
    }
}
