using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace SegMeasure.Core.Tiff;

/// <summary>
/// The parts of OME-XML (in the first page's ImageDescription) that give axes and voxel size:
/// the first Image's Pixels element — DimensionOrder, SizeZ/C/T and PhysicalSizeX/Y/Z with units.
/// </summary>
internal sealed record OmeMetadata
{
    /// <summary>E.g. "XYCZT": X varies fastest; pages follow the three letters after XY.</summary>
    public string DimensionOrder { get; init; } = "XYZCT";
    public int SizeX { get; init; }
    public int SizeY { get; init; }
    public int SizeZ { get; init; } = 1;
    public int SizeC { get; init; } = 1;
    public int SizeT { get; init; } = 1;
    public double? PhysicalSizeX { get; init; }
    public double? PhysicalSizeY { get; init; }
    public double? PhysicalSizeZ { get; init; }

    /// <summary>OME's default unit is the micrometre.</summary>
    public string PhysicalSizeXUnit { get; init; } = "\u00B5m";
    public string PhysicalSizeYUnit { get; init; } = "\u00B5m";
    public string PhysicalSizeZUnit { get; init; } = "\u00B5m";

    public static bool IsOme(string? description) =>
        description is not null && description.TrimStart().StartsWith('<') && description.Contains("<OME", StringComparison.Ordinal);

    /// <summary>Parses OME-XML; null when the description is not OME-XML or holds no Pixels element.</summary>
    public static OmeMetadata? Parse(string? description)
    {
        if (!IsOme(description)) return null;
        XDocument doc;
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
            using var reader = XmlReader.Create(new StringReader(description!), settings);
            doc = XDocument.Load(reader);
        }
        catch (XmlException)
        {
            return null;
        }

        var pixels = doc.Descendants().FirstOrDefault(e => e.Name.LocalName == "Pixels");
        if (pixels is null) return null;
        string? A(string name) => pixels.Attribute(name)?.Value;
        int Size(string name) => int.TryParse(A(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1;
        double? Physical(string name) =>
            double.TryParse(A(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v > 0 ? v : null;

        var order = A("DimensionOrder") ?? "XYZCT";
        if (order.Length != 5 || !order.StartsWith("XY", StringComparison.Ordinal)) order = "XYZCT";
        return new OmeMetadata
        {
            DimensionOrder = order,
            SizeX = Size("SizeX"),
            SizeY = Size("SizeY"),
            SizeZ = Size("SizeZ"),
            SizeC = Size("SizeC"),
            SizeT = Size("SizeT"),
            PhysicalSizeX = Physical("PhysicalSizeX"),
            PhysicalSizeY = Physical("PhysicalSizeY"),
            PhysicalSizeZ = Physical("PhysicalSizeZ"),
            PhysicalSizeXUnit = A("PhysicalSizeXUnit") ?? "\u00B5m",
            PhysicalSizeYUnit = A("PhysicalSizeYUnit") ?? "\u00B5m",
            PhysicalSizeZUnit = A("PhysicalSizeZUnit") ?? "\u00B5m",
        };
    }
}
