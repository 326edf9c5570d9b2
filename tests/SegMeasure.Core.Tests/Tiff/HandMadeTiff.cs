using System.Buffers.Binary;
using System.Text;

namespace SegMeasure.Core.Tests.Tiff;

/// <summary>
/// Builds small classic little-endian TIFFs byte by byte, so tests can declare exactly the
/// (possibly absurd) values a malformed file would carry.
/// </summary>
public sealed class HandMadeTiff
{
    private readonly List<byte> _bytes = [(byte)'I', (byte)'I', 42, 0, 0, 0, 0, 0];
    private readonly List<(ushort Tag, ushort Type, uint Count, uint Value)> _entries = [];

    /// <summary>Appends raw bytes (pixel data, long values) and returns their offset.</summary>
    public uint Data(byte[] data)
    {
        var offset = (uint)_bytes.Count;
        _bytes.AddRange(data);
        if (_bytes.Count % 2 != 0) _bytes.Add(0);
        return offset;
    }

    public HandMadeTiff Short(ushort tag, ushort value) => Entry(tag, 3, 1, value);

    public HandMadeTiff Long(ushort tag, uint value) => Entry(tag, 4, 1, value);

    public HandMadeTiff Ascii(ushort tag, string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text + "\0");
        return Entry(tag, 2, (uint)bytes.Length, Data(bytes));
    }

    /// <summary>An entry with whatever count and value field the test wants.</summary>
    public HandMadeTiff Entry(ushort tag, ushort type, uint count, uint value)
    {
        _entries.Add((tag, type, count, value));
        return this;
    }

    /// <summary>A minimal one-strip grey image of <paramref name="width"/> × <paramref name="height"/> at <paramref name="dataOffset"/>.</summary>
    public HandMadeTiff Image(uint width, uint height, ushort bits, ushort compression, uint dataOffset, uint byteCount) =>
        Long(256, width).Long(257, height).Short(258, bits).Short(259, compression).Short(262, 1)
            .Long(273, dataOffset).Short(277, 1).Long(278, height).Long(279, byteCount);

    /// <summary>Writes the IFD (entries sorted, <paramref name="declaredCount"/> overriding the entry count) and returns the file.</summary>
    public byte[] Build(ushort? declaredCount = null)
    {
        var ifdOffset = (uint)_bytes.Count;
        var ifd = new byte[2 + _entries.Count * 12 + 4];
        BinaryPrimitives.WriteUInt16LittleEndian(ifd, declaredCount ?? (ushort)_entries.Count);
        int i = 0;
        foreach (var e in _entries.OrderBy(e => e.Tag))
        {
            var slot = ifd.AsSpan(2 + i++ * 12);
            BinaryPrimitives.WriteUInt16LittleEndian(slot, e.Tag);
            BinaryPrimitives.WriteUInt16LittleEndian(slot[2..], e.Type);
            BinaryPrimitives.WriteUInt32LittleEndian(slot[4..], e.Count);
            if (e.Type == 3 && e.Count == 1) BinaryPrimitives.WriteUInt16LittleEndian(slot[8..], (ushort)e.Value);
            else BinaryPrimitives.WriteUInt32LittleEndian(slot[8..], e.Value);
        }

        var file = _bytes.Concat(ifd).ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), ifdOffset);
        return file;
    }
}
