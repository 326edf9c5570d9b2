using System.Globalization;
using System.Xml.Linq;
using SegMeasure.Core.Images;

namespace SegMeasure.Core.Tiff;

/// <summary>
/// The OME-XML SegMeasure writes into an OME-TIFF's first page: one Image whose Pixels give
/// SizeX/Y/Z/C/T, DimensionOrder XYCZT (pages channel-fastest, then Z, as the writer orders them)
/// and PhysicalSizeX/Y/Z with their units. A volume declares PhysicalSizeZ even when it is one
/// slice deep; that is how a (1, Y, X) volume stays 3D where ImageJ metadata would make it 2D.
/// </summary>
internal static class OmeXmlWriter
{
    private static readonly XNamespace Ome = "http://www.openmicroscopy.org/Schemas/OME/2016-06";

    /// <summary>True when a TIFF at <paramref name="path"/> should carry OME-XML rather than ImageJ metadata.</summary>
    public static bool IsWanted(string path, ImageShape shape, PixelType type) =>
        IsOmePath(path) || (!shape.Is2D && shape.Depth == 1 && HasOmeType(type)); // ImageJ metadata cannot tell a one-slice volume from a plane

    public static bool IsOmePath(string path) =>
        path.EndsWith(".ome.tif", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".ome.tiff", StringComparison.OrdinalIgnoreCase);

    /// <summary>OME has no 64-bit integer pixel type.</summary>
    private static bool HasOmeType(PixelType type) => type is not (PixelType.UInt64 or PixelType.Int64);

    public static string Format(ImageShape shape, int channels, PixelType type, VoxelSize voxelSize, int sizeT = 1)
    {
        int depth = shape.Is2D ? 1 : shape.Depth;
        var pixels = new XElement(Ome + "Pixels",
            new XAttribute("ID", "Pixels:0"),
            new XAttribute("DimensionOrder", "XYCZT"),
            new XAttribute("Type", OmeType(type)),
            new XAttribute("SizeX", shape.Width),
            new XAttribute("SizeY", shape.Height),
            new XAttribute("SizeC", channels),
            new XAttribute("SizeZ", depth),
            new XAttribute("SizeT", sizeT));
        if (type is PixelType.UInt8 or PixelType.Int8 or PixelType.UInt16 or PixelType.Int16 or PixelType.UInt32 or PixelType.Int32)
            pixels.Add(new XAttribute("SignificantBits", type.SizeInBytes() * 8));
        // The Z calibration marks a volume: written for every volume, never for a plane. An
        // uncalibrated volume gets 1 pixel, OME's unit for "no physical size".
        var unit = voxelSize.IsCalibrated ? OmeUnit(voxelSize.Unit) : null;
        if (unit is not null)
        {
            pixels.Add(new XAttribute("PhysicalSizeX", Number(voxelSize.X)), new XAttribute("PhysicalSizeXUnit", unit),
                new XAttribute("PhysicalSizeY", Number(voxelSize.Y)), new XAttribute("PhysicalSizeYUnit", unit));
        }

        if (!shape.Is2D)
            pixels.Add(new XAttribute("PhysicalSizeZ", Number(unit is null ? 1.0 : voxelSize.Z)), new XAttribute("PhysicalSizeZUnit", unit ?? "pixel"));

        for (int c = 0; c < channels; c++)
            pixels.Add(new XElement(Ome + "Channel", new XAttribute("ID", $"Channel:0:{c}"), new XAttribute("SamplesPerPixel", 1)));
        pixels.Add(new XElement(Ome + "TiffData", new XAttribute("IFD", 0), new XAttribute("PlaneCount", channels * depth * sizeT)));

        var root = new XElement(Ome + "OME",
            new XAttribute(XNamespace.Xmlns + "xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            new XAttribute(XNamespace.Get("http://www.w3.org/2001/XMLSchema-instance") + "schemaLocation",
                "http://www.openmicroscopy.org/Schemas/OME/2016-06 http://www.openmicroscopy.org/Schemas/OME/2016-06/ome.xsd"),
            new XAttribute("Creator", "SegMeasure"),
            new XElement(Ome + "Image", new XAttribute("ID", "Image:0"), new XAttribute("Name", "Image0"), pixels));
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + root.ToString(SaveOptions.DisableFormatting);
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>OME's unit symbols for the lengths SegMeasure knows; null for "pixel" and unknown units.</summary>
    private static string? OmeUnit(string unit) => LengthUnits.Normalize(unit) switch
    {
        "micron" => "\u00B5m",
        "nm" => "nm",
        "mm" => "mm",
        "cm" => "cm",
        "m" => "m",
        _ => null,
    };

    private static string OmeType(PixelType type) => type switch
    {
        PixelType.UInt8 => "uint8",
        PixelType.Int8 => "int8",
        PixelType.UInt16 => "uint16",
        PixelType.Int16 => "int16",
        PixelType.UInt32 => "uint32",
        PixelType.Int32 => "int32",
        PixelType.Float32 => "float",
        PixelType.Float64 => "double",
        _ => throw new SegMeasureException("SegMeasure.InvalidArgument", ErrorKind.InvalidArgument, $"OME-TIFF has no {type.ToDTypeName()} pixel type"),
    };
}
