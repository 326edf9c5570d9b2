using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace SegMeasure.Core.Tiff;

/// <summary>Converts samples between a big-endian file and the (little-endian) host, in place and vectorised.</summary>
internal static class SampleByteOrder
{
    public static void Reverse(Span<byte> data, int bytesPerSample)
    {
        switch (bytesPerSample)
        {
            case 2:
                var u16 = MemoryMarshal.Cast<byte, ushort>(data);
                BinaryPrimitives.ReverseEndianness(u16, u16);
                break;
            case 4:
                var u32 = MemoryMarshal.Cast<byte, uint>(data);
                BinaryPrimitives.ReverseEndianness(u32, u32);
                break;
            case 8:
                var u64 = MemoryMarshal.Cast<byte, ulong>(data);
                BinaryPrimitives.ReverseEndianness(u64, u64);
                break;
        }
    }
}
