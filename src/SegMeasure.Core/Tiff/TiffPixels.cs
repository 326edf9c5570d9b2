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

    internal static Span<byte> BytesOf(Array array, long byteOffset, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(byteOffset);
        var total = array.LongLength * Marshal.SizeOf(array.GetType().GetElementType()!);
        if (length < 0 || byteOffset + length > total) throw new ArgumentOutOfRangeException(nameof(length));
        ref byte start = ref MemoryMarshal.GetArrayDataReference(array);
        return MemoryMarshal.CreateSpan(ref Unsafe.AddByteOffset(ref start, (nint)byteOffset), length);
    }
}
