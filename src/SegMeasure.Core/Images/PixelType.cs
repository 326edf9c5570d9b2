namespace SegMeasure.Core.Images;

/// <summary>Numeric type of the samples of an image, as stored in a file.</summary>
public enum PixelType
{
    UInt8,
    Int8,
    UInt16,
    Int16,
    UInt32,
    Int32,
    UInt64,
    Int64,
    Float32,
    Float64,
}

public static class PixelTypeExtensions
{
    public static int SizeInBytes(this PixelType type) => type switch
    {
        PixelType.UInt8 or PixelType.Int8 => 1,
        PixelType.UInt16 or PixelType.Int16 => 2,
        PixelType.UInt32 or PixelType.Int32 or PixelType.Float32 => 4,
        _ => 8,
    };

    public static bool IsFloatingPoint(this PixelType type) => type is PixelType.Float32 or PixelType.Float64;

    public static bool IsSigned(this PixelType type) =>
        type is PixelType.Int8 or PixelType.Int16 or PixelType.Int32 or PixelType.Int64 || type.IsFloatingPoint();

    /// <summary>numpy's name for the type (<c>uint16</c>, <c>float32</c>, …), used in reports and manifests.</summary>
    public static string ToDTypeName(this PixelType type) => type.ToString().ToLowerInvariant();

    /// <summary>The .NET element type of an array holding samples of this type.</summary>
    public static Type ClrType(this PixelType type) => type switch
    {
        PixelType.UInt8 => typeof(byte),
        PixelType.Int8 => typeof(sbyte),
        PixelType.UInt16 => typeof(ushort),
        PixelType.Int16 => typeof(short),
        PixelType.UInt32 => typeof(uint),
        PixelType.Int32 => typeof(int),
        PixelType.UInt64 => typeof(ulong),
        PixelType.Int64 => typeof(long),
        PixelType.Float32 => typeof(float),
        PixelType.Float64 => typeof(double),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>The smallest unsigned type that holds <paramref name="maxValue"/>; what writers use for labels.</summary>
    public static PixelType SmallestUnsignedFor(ulong maxValue) => maxValue switch
    {
        <= byte.MaxValue => PixelType.UInt8,
        <= ushort.MaxValue => PixelType.UInt16,
        <= uint.MaxValue => PixelType.UInt32,
        _ => PixelType.UInt64,
    };
}
