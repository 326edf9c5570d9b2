using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SegMeasure.Core.Images;

namespace SegMeasure.Core.Tiff;

/// <summary>
/// A decoded series: one typed array (byte[], ushort[], int[], float[] …) holding every sample
/// in C order over <see cref="Shape"/>/<see cref="Axes"/>, exactly as tifffile returns series 0.
/// </summary>
internal sealed class TiffPixels
{
    public TiffPixels(Array data, PixelType pixelType, int[] shape, string axes, VoxelSize voxelSize)
    {
        Data = data;
        PixelType = pixelType;
        Shape = shape;
        Axes = axes;
        VoxelSize = voxelSize;
    }

    public Array Data { get; }
    public PixelType PixelType { get; }
    public int[] Shape { get; }
    public string Axes { get; }
    public VoxelSize VoxelSize { get; }

    public long Length => Data.LongLength;

    /// <summary>The samples as bytes (little-endian), <paramref name="length"/> bytes from <paramref name="byteOffset"/>;
    /// lets code walk arrays larger than 2 GiB in pieces.</summary>
    public Span<byte> BytesAt(long byteOffset, int length) => BytesOf(Data, byteOffset, length);

    /// <summary>Bytes per sample of a primitive sample array (without Marshal.SizeOf(Type), which native AOT cannot promise).</summary>
    internal static int SampleSize(Array array) => Type.GetTypeCode(array.GetType().GetElementType()) switch
    {
        TypeCode.Byte or TypeCode.SByte or TypeCode.Boolean => 1,
        TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Char => 2,
        TypeCode.Int32 or TypeCode.UInt32 or TypeCode.Single => 4,
        TypeCode.Int64 or TypeCode.UInt64 or TypeCode.Double => 8,
        _ => throw new ArgumentException($"not an array of numeric samples: {array.GetType()}", nameof(array)),
    };

    internal static Span<byte> BytesOf(Array array, long byteOffset, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(byteOffset);
        var total = array.LongLength * SampleSize(array);
        if (length < 0 || byteOffset + length > total) throw new ArgumentOutOfRangeException(nameof(length));
        ref byte start = ref MemoryMarshal.GetArrayDataReference(array);
        return MemoryMarshal.CreateSpan(ref Unsafe.AddByteOffset(ref start, (nint)byteOffset), length);
    }
}
