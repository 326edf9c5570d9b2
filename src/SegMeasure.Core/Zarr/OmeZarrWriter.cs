using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SegMeasure.Core.Images;
using SegMeasure.Core.Tiff;

namespace SegMeasure.Core.Zarr;

/// <summary>
/// Writes a label image as OME-Zarr: either a standalone image (<c>cells.ome.zarr</c>) or a
/// label image beside its source (<c>raw.ome.zarr/labels/cells</c>, listed in the labels group
/// and pointing back to the image). Labels beside an image take that image's Zarr version; a
/// standalone store is Zarr v2 / OME-Zarr 0.4 by default, the most widely read today, and v3 / 0.5
/// on request. One resolution level, zlib (v2) or gzip (v3) chunks, axes yx or
/// zyx with the voxel size as the scale and its unit. The store is written into a temporary
/// folder beside the target and renamed into place; an existing target is only replaced when
/// asked.
/// </summary>
internal static class OmeZarrWriter
{
    /// <summary>True when <paramref name="path"/> names a Zarr output (ends in .zarr, or is a labels/NAME inside one).</summary>
    public static bool IsZarrOutput(string path) => LabelsTarget(path) is not null || Path.TrimEndingDirectorySeparator(path).EndsWith(".zarr", StringComparison.OrdinalIgnoreCase);

    /// <summary>For <c>IMAGE.zarr/labels/NAME</c>: the image folder and the label name; null for other paths.</summary>
    private static (string Image, string Name)? LabelsTarget(string path)
    {
        var trimmed = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        var labels = Path.GetDirectoryName(trimmed);
        if (labels is null || Path.GetFileName(labels) != "labels") return null;
        var image = Path.GetDirectoryName(labels);
        return image is not null && image.EndsWith(".zarr", StringComparison.OrdinalIgnoreCase) ? (image, Path.GetFileName(trimmed)) : null;
    }

    public static void WriteLabels(string path, LabelImage image, TiffWriteOptions options)
    {
        if (options.ZarrVersion is { } asked && asked is not (2 or 3))
            throw new SegMeasureException("SegMeasure.InvalidArgument", ErrorKind.InvalidArgument, $"{path}: Zarr version {asked} (2 or 3)", path);
        var type = TiffWriter.LabelTypeFor(image.MaxLabel(), options.LabelType, path);
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        var parent = Path.GetDirectoryName(target)!;
        var beside = LabelsTarget(path);
        int version = options.ZarrVersion ?? TiffWriteOptions.DefaultZarrVersion;
        if (beside is { } b)
        {
            if (!ZarrPaths.IsZarr(b.Image))
                throw new SegMeasureException("SegMeasure.DirectoryNotFound", ErrorKind.NotFound, $"{path}: the source image {b.Image} is not an OME-Zarr image", path);
            version = options.ZarrVersion ?? FormatOf(b.Image);
            var source = OmeZarrImage.Open(b.Image);
            int depth = image.Shape.Is2D ? 1 : image.Shape.Depth;
            var spatial = source.Shape.TakeLast(image.Shape.Is2D ? 2 : 3).ToArray();
            if (!spatial.SequenceEqual(image.Shape.Is2D ? [image.Shape.Height, image.Shape.Width] : [depth, image.Shape.Height, image.Shape.Width]))
                throw new ShapeMismatchException($"{path}: the labels ({image.Shape}) do not match the image {b.Image} ({string.Join("x", source.Shape)})", path);
            if (FormatOf(b.Image) != version)
                throw new SegMeasureException("SegMeasure.InvalidArgument", ErrorKind.InvalidArgument,
                    $"{path}: the image is Zarr v{FormatOf(b.Image)}; its labels must be written in the same Zarr version", path);
            Directory.CreateDirectory(parent);
        }

        OutputFile.WriteFolder(target, options.Overwrite, folder => WriteImage(folder, image, type, version, beside is not null), "the Zarr store");
        if (beside is { } labels) ListLabel(Path.Combine(labels.Image, "labels"), labels.Name, version);
    }

    private static int FormatOf(string image) => File.Exists(Path.Combine(image, "zarr.json")) ? 3 : 2;

    private static void WriteImage(string folder, LabelImage image, PixelType type, int version, bool isLabel)
    {
        var shape = image.Shape;
        int[] arrayShape = shape.Is2D ? [shape.Height, shape.Width] : [shape.Depth, shape.Height, shape.Width];
        int[] chunks = shape.Is2D ? [Math.Min(shape.Height, 512), Math.Min(shape.Width, 512)] : [Math.Min(shape.Depth, 16), Math.Min(shape.Height, 256), Math.Min(shape.Width, 256)];
        var voxel = image.VoxelSize;
        string? unit = voxel.IsCalibrated ? NgffUnit(voxel.Unit) : null;
        var axes = new JsonArray();
        foreach (var name in shape.Is2D ? "yx" : "zyx")
        {
            var axis = new JsonObject { ["name"] = name.ToString(), ["type"] = "space" };
            if (unit is not null) axis["unit"] = unit;
            axes.Add(axis);
        }

        var scale = new JsonArray();
        foreach (var s in voxel.ToScale(shape.Is2D)) scale.Add(voxel.IsCalibrated ? s : 1.0);
        var multiscale = new JsonObject
        {
            ["version"] = version == 2 ? "0.4" : "0.5",
            ["name"] = isLabel ? "labels" : "image",
            ["axes"] = axes,
            ["datasets"] = new JsonArray(new JsonObject
            {
                ["path"] = "0",
                ["coordinateTransformations"] = new JsonArray(new JsonObject { ["type"] = "scale", ["scale"] = scale }),
            }),
        };
        var ome = new JsonObject { ["multiscales"] = new JsonArray(multiscale) };
        if (isLabel) ome["image-label"] = new JsonObject { ["version"] = version == 2 ? "0.4" : "0.5", ["source"] = new JsonObject { ["image"] = "../../" } };

        var arrayFolder = Path.Combine(folder, "0");
        Directory.CreateDirectory(arrayFolder);
        if (version == 2)
        {
            WriteJson(Path.Combine(folder, ".zgroup"), new JsonObject { ["zarr_format"] = 2 });
            WriteJson(Path.Combine(folder, ".zattrs"), ome);
            WriteJson(Path.Combine(arrayFolder, ".zarray"), new JsonObject
            {
                ["zarr_format"] = 2,
                ["shape"] = Ints(arrayShape),
                ["chunks"] = Ints(chunks),
                ["dtype"] = V2DType(type),
                ["compressor"] = new JsonObject { ["id"] = "zlib", ["level"] = 6 },
                ["fill_value"] = 0,
                ["order"] = "C",
                ["filters"] = null,
                ["dimension_separator"] = ".",
            });
        }
        else
        {
            ome["version"] = "0.5";
            multiscale.Remove("version");
            WriteJson(Path.Combine(folder, "zarr.json"), new JsonObject { ["zarr_format"] = 3, ["node_type"] = "group", ["attributes"] = new JsonObject { ["ome"] = ome } });
            WriteJson(Path.Combine(arrayFolder, "zarr.json"), new JsonObject
            {
                ["zarr_format"] = 3,
                ["node_type"] = "array",
                ["shape"] = Ints(arrayShape),
                ["data_type"] = type.ToDTypeName(),
                ["chunk_grid"] = new JsonObject { ["name"] = "regular", ["configuration"] = new JsonObject { ["chunk_shape"] = Ints(chunks) } },
                ["chunk_key_encoding"] = new JsonObject { ["name"] = "default", ["configuration"] = new JsonObject { ["separator"] = "/" } },
                ["fill_value"] = 0,
                ["codecs"] = new JsonArray(
                    new JsonObject { ["name"] = "bytes", ["configuration"] = new JsonObject { ["endian"] = "little" } },
                    new JsonObject { ["name"] = "gzip", ["configuration"] = new JsonObject { ["level"] = 6 } }),
                ["dimension_names"] = new JsonArray((shape.Is2D ? "yx" : "zyx").Select(c => (JsonNode)JsonValue.Create(c.ToString())!).ToArray()),
                ["attributes"] = new JsonObject(),
            });
        }

        WriteChunks(arrayFolder, image, type, arrayShape, chunks, version);
    }

    /// <summary>Every chunk, full size (edges padded with 0); chunks holding only background are left out: they read as the fill value 0.</summary>
    private static void WriteChunks(string folder, LabelImage image, PixelType type, int[] shape, int[] chunks, int version)
    {
        var source = new LabelSampleSource(image, type);
        int size = type.SizeInBytes();
        bool is2D = shape.Length == 2;
        int depth = is2D ? 1 : shape[0], height = shape[^2], width = shape[^1];
        int cz = is2D ? 1 : chunks[0], cy = chunks[^2], cx = chunks[^1];
        var row = new byte[(long)width * size];
        int tilesAcross = (width + cx - 1) / cx;
        for (int z0 = 0; z0 < depth; z0 += cz)
        {
            for (int y0 = 0; y0 < height; y0 += cy)
            {
                var buffers = Enumerable.Range(0, tilesAcross).Select(_ => new byte[(long)cz * cy * cx * size]).ToArray();
                for (int z = z0; z < Math.Min(depth, z0 + cz); z++)
                    for (int y = y0; y < Math.Min(height, y0 + cy); y++)
                    {
                        source.CopyRows(z, y, 1, row);
                        for (int t = 0; t < tilesAcross; t++)
                        {
                            int x0 = t * cx, n = Math.Min(cx, width - x0);
                            long at = (((long)(z - z0) * cy + (y - y0)) * cx) * size;
                            row.AsSpan(x0 * size, n * size).CopyTo(buffers[t].AsSpan((int)at));
                        }
                    }

                for (int t = 0; t < tilesAcross; t++)
                {
                    if (!buffers[t].AsSpan().ContainsAnyExcept((byte)0)) continue;
                    int[] index = is2D ? [y0 / cy, t] : [z0 / cz, y0 / cy, t];
                    var key = version == 2 ? string.Join('.', index) : "c/" + string.Join('/', index);
                    var file = Path.Combine(folder, key.Replace('/', Path.DirectorySeparatorChar));
                    Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                    using var stream = File.Create(file);
                    using Stream compressor = version == 2 ? new ZLibStream(stream, CompressionLevel.Optimal) : new GZipStream(stream, CompressionLevel.Optimal);
                    compressor.Write(buffers[t]);
                }
            }
        }
    }

    /// <summary>Adds <paramref name="name"/> to the labels group's list (creating the group), written via a temporary file.</summary>
    private static void ListLabel(string labelsFolder, string name, int version)
    {
        Directory.CreateDirectory(labelsFolder);
        var file = Path.Combine(labelsFolder, version == 2 ? ".zattrs" : "zarr.json");
        JsonObject document = File.Exists(file) ? JsonNode.Parse(File.ReadAllText(file)) as JsonObject ?? new JsonObject() : new JsonObject();
        JsonObject attributes = version == 2 ? document : (document["attributes"] as JsonObject)?["ome"] as JsonObject ?? new JsonObject();
        var list = attributes["labels"] as JsonArray ?? new JsonArray();
        if (!list.Any(l => l?.GetValue<string>() == name)) list.Add(name);
        attributes["labels"] = list;
        if (version == 2)
        {
            if (!File.Exists(Path.Combine(labelsFolder, ".zgroup"))) WriteJson(Path.Combine(labelsFolder, ".zgroup"), new JsonObject { ["zarr_format"] = 2 });
        }
        else
        {
            attributes["version"] = "0.5";
            document["zarr_format"] = 3;
            document["node_type"] = "group";
            document["attributes"] = new JsonObject { ["ome"] = attributes.DeepClone() };
        }

        // The image's own attributes: replaced whole or not at all.
        OutputFile.Write(file, overwrite: true, stream => stream.Write(Encoding.UTF8.GetBytes(JsonText(document))), "the image's attributes");
    }

    private static void WriteJson(string file, JsonObject document) => File.WriteAllText(file, JsonText(document));

    private static string JsonText(JsonObject document) => document.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    private static JsonArray Ints(int[] values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());

    private static string V2DType(PixelType type) => type switch
    {
        PixelType.UInt8 => "|u1",
        PixelType.Int8 => "|i1",
        PixelType.UInt16 => "<u2",
        PixelType.Int16 => "<i2",
        PixelType.UInt32 => "<u4",
        PixelType.Int32 => "<i4",
        PixelType.UInt64 => "<u8",
        PixelType.Int64 => "<i8",
        PixelType.Float32 => "<f4",
        _ => "<f8",
    };

    /// <summary>NGFF unit names (UDUNITS-2) for the units SegMeasure knows.</summary>
    private static string? NgffUnit(string unit) => LengthUnits.Normalize(unit) switch
    {
        "micron" => "micrometer",
        "nm" => "nanometer",
        "mm" => "millimeter",
        "cm" => "centimeter",
        "m" => "meter",
        _ => null,
    };
}
