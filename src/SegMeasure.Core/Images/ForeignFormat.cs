using System.Buffers.Binary;

namespace SegMeasure.Core.Images;

/// <summary>
/// Recognises files that are not TIFF (nor OME-Zarr) by their first bytes, or by their extension
/// when the bytes are not telling, so the error names the format and the way to a readable file
/// instead of a generic "not a TIFF". Microscope vendors' formats convert losslessly with
/// Bio-Formats' command-line tools.
/// </summary>
internal static class ForeignFormat
{
    /// <summary>Bytes of the file's start that <see cref="Recognise"/> looks at.</summary>
    public const int HeadLength = 128;

    private const string ConvertAdvice =
        "convert it to OME-TIFF with Bio-Formats' bfconvert (bfconvert IN OUT.ome.tif) or to OME-Zarr with bioformats2raw (bioformats2raw IN OUT.ome.zarr), then pass the converted file";

    private const string PictureAdvice = "a label or intensity image must be TIFF or OME-Zarr: save it as TIFF (e.g. with Fiji or tifffile)";

    private static readonly Dictionary<string, string> VendorByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".nd2"] = "Nikon ND2",
        [".czi"] = "Zeiss CZI",
        [".lif"] = "Leica LIF",
        [".lof"] = "Leica LOF",
        [".lifext"] = "Leica LIF",
        [".oib"] = "Olympus OIB",
        [".oif"] = "Olympus OIF",
        [".oir"] = "Olympus OIR",
        [".vsi"] = "Olympus VSI",
        [".ims"] = "Imaris IMS",
        [".dv"] = "DeltaVision",
        [".r3d"] = "DeltaVision",
        [".zvi"] = "Zeiss ZVI",
        [".mrxs"] = "3DHISTECH MRXS",
        [".ics"] = "ICS",
        [".ids"] = "ICS",
        [".nrrd"] = "NRRD",
        [".mrc"] = "MRC",
    };

    /// <summary>The error for a recognised non-TIFF file, or null when neither bytes nor extension say what it is.</summary>
    public static UnsupportedFormatException? Recognise(string path, ReadOnlySpan<byte> head)
    {
        var extension = Path.GetExtension(path);
        var byBytes = FromBytes(head, extension);
        if (byBytes is { } known) return new UnsupportedFormatException(known.Format, path, known.Advice);
        return VendorByExtension.TryGetValue(extension, out var vendor) ? new UnsupportedFormatException(vendor, path, ConvertAdvice) : null;
    }

    private static (string Format, string Advice)? FromBytes(ReadOnlySpan<byte> head, string extension)
    {
        if (StartsWith(head, [0xDA, 0xCE, 0xBE, 0x0A])) return ("Nikon ND2", ConvertAdvice);
        if (StartsWith(head, "ZISRAWFILE"u8)) return ("Zeiss CZI", ConvertAdvice);
        if (StartsWith(head, "OLYMPUSRAWFORMAT"u8)) return ("Olympus OIR", ConvertAdvice);
        // Leica LIF: a 0x70 block marker, the XML header's length, then the byte 0x2A.
        if (head.Length > 8 && BinaryPrimitives.ReadInt32LittleEndian(head) == 0x70 && head[8] == 0x2A) return ("Leica LIF", ConvertAdvice);
        // JPEG 2000 signature box: the container of old Nikon ND2 files, else a plain picture.
        if (StartsWith(head, [0, 0, 0, 0x0C, (byte)'j', (byte)'P', (byte)' ', (byte)' ']))
            return extension.Equals(".nd2", StringComparison.OrdinalIgnoreCase) ? ("Nikon ND2 (JPEG 2000 based)", ConvertAdvice) : ("JPEG 2000", PictureAdvice);
        if (StartsWith(head, [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0D, 0x0A, 0x1A, 0x0A]))
            return extension.Equals(".ims", StringComparison.OrdinalIgnoreCase) ? ("Imaris IMS (HDF5)", ConvertAdvice) : ("HDF5", ConvertAdvice);
        if (StartsWith(head, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
            return (VendorByExtension.TryGetValue(extension, out var ole) ? ole : "OLE compound (e.g. Olympus OIB or Zeiss ZVI)", ConvertAdvice);
        // DeltaVision: the 16-bit marker 0xC0A0 at byte 96, in either byte order.
        if (head.Length >= 98 && (BinaryPrimitives.ReadUInt16LittleEndian(head[96..]) is 0xC0A0 or 0xA0C0)) return ("DeltaVision", ConvertAdvice);
        if (StartsWith(head, [0x89, (byte)'P', (byte)'N', (byte)'G'])) return ("PNG", PictureAdvice);
        if (StartsWith(head, [0xFF, 0xD8, 0xFF])) return ("JPEG", PictureAdvice);
        if (StartsWith(head, "BM"u8) && extension.Equals(".bmp", StringComparison.OrdinalIgnoreCase)) return ("BMP", PictureAdvice);
        if (StartsWith(head, "GIF8"u8)) return ("GIF", PictureAdvice);
        if (StartsWith(head, [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'])) return ("NumPy .npy", "save the array as TIFF (tifffile.imwrite) or OME-Zarr");
        return null;
    }

    private static bool StartsWith(ReadOnlySpan<byte> head, ReadOnlySpan<byte> magic) => head.Length >= magic.Length && head.StartsWith(magic);
}
