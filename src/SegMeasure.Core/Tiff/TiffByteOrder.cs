using System.Buffers.Binary;

namespace SegMeasure.Core.Tiff;

/// <summary>Reads integers in a file's byte order ("II" little-endian or "MM" big-endian).</summary>
internal readonly record struct TiffByteOrder(bool IsBigEndian)
{
    public ushort UInt16(ReadOnlySpan<byte> b) => IsBigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b);

    public uint UInt32(ReadOnlySpan<byte> b) => IsBigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b);

    public ulong UInt64(ReadOnlySpan<byte> b) => IsBigEndian ? BinaryPrimitives.ReadUInt64BigEndian(b) : BinaryPrimitives.ReadUInt64LittleEndian(b);

    public override string ToString() => IsBigEndian ? "MM (big-endian)" : "II (little-endian)";
}
