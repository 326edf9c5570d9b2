using SegMeasure.Core.Images;

namespace SegMeasure.Core.Zarr;

/// <summary>A Zarr element type: the pixel type it reads as, its size and its byte order (bool reads as uint8 0/1).</summary>
internal sealed record ZarrDataType(PixelType PixelType, int Size, bool IsBigEndian, string Name)
{
    /// <summary>Zarr v2's numpy type strings: "&lt;u2", "|u1", "&gt;f4", "|b1".</summary>
    public static ZarrDataType FromV2(string dtype, string path)
    {
        if (dtype.Length < 3 || dtype[0] is not ('<' or '>' or '|' or '='))
            throw new ZarrFormatException($"unsupported dtype \"{dtype}\" (structured and string types are not images)", path, ErrorKind.NotSupported);
        bool big = dtype[0] == '>';
        var type = FromKind(dtype[1], dtype[2..], dtype, path);
        return type with { IsBigEndian = big && type.Size > 1 };
    }

    /// <summary>Zarr v3's data type names: "uint16", "float32", "bool".</summary>
    public static ZarrDataType FromV3(string name, string path) => name switch
    {
        "bool" => new(PixelType.UInt8, 1, false, name),
        "uint8" => new(PixelType.UInt8, 1, false, name),
        "int8" => new(PixelType.Int8, 1, false, name),
        "uint16" => new(PixelType.UInt16, 2, false, name),
        "int16" => new(PixelType.Int16, 2, false, name),
        "uint32" => new(PixelType.UInt32, 4, false, name),
        "int32" => new(PixelType.Int32, 4, false, name),
        "uint64" => new(PixelType.UInt64, 8, false, name),
        "int64" => new(PixelType.Int64, 8, false, name),
        "float32" => new(PixelType.Float32, 4, false, name),
        "float64" => new(PixelType.Float64, 8, false, name),
        _ => throw new ZarrFormatException($"unsupported data_type \"{name}\"", path, ErrorKind.NotSupported),
    };

    private static ZarrDataType FromKind(char kind, string size, string dtype, string path) => (kind, size) switch
    {
        ('b', "1") => new(PixelType.UInt8, 1, false, dtype),
        ('u', "1") => new(PixelType.UInt8, 1, false, dtype),
        ('i', "1") => new(PixelType.Int8, 1, false, dtype),
        ('u', "2") => new(PixelType.UInt16, 2, false, dtype),
        ('i', "2") => new(PixelType.Int16, 2, false, dtype),
        ('u', "4") => new(PixelType.UInt32, 4, false, dtype),
        ('i', "4") => new(PixelType.Int32, 4, false, dtype),
        ('u', "8") => new(PixelType.UInt64, 8, false, dtype),
        ('i', "8") => new(PixelType.Int64, 8, false, dtype),
        ('f', "4") => new(PixelType.Float32, 4, false, dtype),
        ('f', "8") => new(PixelType.Float64, 8, false, dtype),
        _ => throw new ZarrFormatException($"unsupported dtype \"{dtype}\"", path, ErrorKind.NotSupported),
    };
}
