using System.Text;

namespace SegMeasure.Core.Tiff;

/// <summary>One entry of an IFD. Values that do not fit in the entry are read on demand, after a bounds check.</summary>
internal readonly record struct TiffIfdEntry(ushort Tag, TiffFieldType Type, ulong Count, ulong ValueOffset, byte[]? InlineValue);

/// <summary>
/// An image file directory: its entries by tag and the offset of the next IFD. Parsing is
/// defensive: the entry count is capped and must fit in the file, and values are only read
/// when asked for, after checking their declared size against the file length.
/// </summary>
internal sealed class TiffIfd
{
    /// <summary>Real files carry a few dozen entries; far more means we are reading garbage.</summary>
    public const int MaxEntries = 4096;

    private readonly Dictionary<ushort, TiffIfdEntry> _entries;
    private readonly TiffSource _source;
    private readonly TiffHeader _header;

    private TiffIfd(TiffSource source, TiffHeader header, ulong offset, Dictionary<ushort, TiffIfdEntry> entries, ulong nextOffset)
    {
        _source = source;
        _header = header;
        Offset = offset;
        _entries = entries;
        NextOffset = nextOffset;
    }

    public ulong Offset { get; }

    public ulong NextOffset { get; }

    public TiffByteOrder ByteOrder => _header.ByteOrder;

    public bool Has(ushort tag) => _entries.ContainsKey(tag);

    public static TiffIfd Read(TiffSource source, TiffHeader header, ulong offset, int index)
    {
        var order = header.ByteOrder;
        int countSize = header.IsBigTiff ? 8 : 2, entrySize = header.IsBigTiff ? 20 : 12, pointerSize = header.IsBigTiff ? 8 : 4;
        if (offset < 8 || !source.Contains(offset, (ulong)countSize))
            throw source.Error($"IFD {index} offset {offset} is outside the file ({source.Length} bytes)");
        Span<byte> countBytes = stackalloc byte[8];
        source.Read(offset, countBytes[..countSize], $"IFD {index} entry count");
        ulong count = header.IsBigTiff ? order.UInt64(countBytes) : order.UInt16(countBytes);
        if (count == 0 || count > MaxEntries)
            throw source.Error($"implausible IFD {index} at offset {offset}: {count} entries (the offset probably points into pixel data)");
        var tableSize = count * (ulong)entrySize + (ulong)pointerSize;
        if (!source.Contains(offset + (ulong)countSize, tableSize))
            throw source.Error($"IFD {index} at offset {offset} ({count} entries) extends past the end of the file ({source.Length} bytes)");

        var table = new byte[tableSize];
        source.Read(offset + (ulong)countSize, table, $"IFD {index}");
        var entries = new Dictionary<ushort, TiffIfdEntry>((int)count);
        int inlineSize = header.IsBigTiff ? 8 : 4;
        for (int i = 0; i < (int)count; i++)
        {
            var e = table.AsSpan(i * entrySize, entrySize);
            var tag = order.UInt16(e);
            var type = (TiffFieldType)order.UInt16(e[2..]);
            ulong valueCount = header.IsBigTiff ? order.UInt64(e[4..]) : order.UInt32(e[4..]);
            var valueField = e[(header.IsBigTiff ? 12 : 8)..];
            var size = type.SizeInBytes();
            if (size == 0) continue; // unknown field type: TIFF readers skip such entries
            bool inline = valueCount <= (ulong)(inlineSize / size);
            var entry = inline
                ? new TiffIfdEntry(tag, type, valueCount, 0, valueField[..inlineSize].ToArray())
                : new TiffIfdEntry(tag, type, valueCount, header.IsBigTiff ? order.UInt64(valueField) : order.UInt32(valueField), null);
            entries.TryAdd(tag, entry);
        }

        var next = table.AsSpan((int)count * entrySize);
        ulong nextOffset = header.IsBigTiff ? order.UInt64(next) : order.UInt32(next);
        return new TiffIfd(source, header, offset, entries, nextOffset);
    }

    /// <summary>
    /// Checks that every entry's values lie inside the file. Our reader only reads the tags it
    /// uses; LibTiff.NET reads them all and allocates what each declares, so a page it will
    /// decode must not declare more than the file holds.
    /// </summary>
    public void CheckEveryValueInFile(int index)
    {
        foreach (var e in _entries.Values)
        {
            if (e.InlineValue is not null) continue;
            var size = (ulong)Math.Max(1, e.Type.SizeInBytes()) * e.Count;
            if (e.Count > (ulong)_source.Length || !_source.Contains(e.ValueOffset, size))
                throw _source.Error($"page {index}: {TiffTag.Describe(e.Tag)} declares {e.Count} values at offset {e.ValueOffset}, past the end of the file ({_source.Length} bytes)");
        }
    }

    /// <summary>The raw bytes of an entry's values, in file byte order.</summary>
    private byte[] ValueBytes(TiffIfdEntry e)
    {
        var size = (ulong)e.Type.SizeInBytes() * e.Count;
        if (e.Count > (ulong)_source.Length || size > (ulong)_source.Length)
            throw _source.Error($"{TiffTag.Describe(e.Tag)} declares {e.Count} values, more than the file ({_source.Length} bytes) can hold");
        if (e.InlineValue is not null) return e.InlineValue.AsSpan(0, (int)size).ToArray();
        var bytes = new byte[size];
        _source.Read(e.ValueOffset, bytes, $"values of {TiffTag.Describe(e.Tag)}");
        return bytes;
    }

    /// <summary>All values of an integer-typed tag, widened to ulong; null when the tag is absent.</summary>
    public ulong[]? GetIntegers(ushort tag)
    {
        if (!_entries.TryGetValue(tag, out var e)) return null;
        var bytes = ValueBytes(e);
        var order = _header.ByteOrder;
        var result = new ulong[e.Count];
        switch (e.Type)
        {
            case TiffFieldType.Byte or TiffFieldType.Undefined:
                for (int i = 0; i < result.Length; i++) result[i] = bytes[i];
                break;
            case TiffFieldType.Short:
                for (int i = 0; i < result.Length; i++) result[i] = order.UInt16(bytes.AsSpan(i * 2));
                break;
            case TiffFieldType.Long or TiffFieldType.Ifd:
                for (int i = 0; i < result.Length; i++) result[i] = order.UInt32(bytes.AsSpan(i * 4));
                break;
            case TiffFieldType.Long8 or TiffFieldType.Ifd8:
                for (int i = 0; i < result.Length; i++) result[i] = order.UInt64(bytes.AsSpan(i * 8));
                break;
            default:
                throw _source.Error($"{TiffTag.Describe(tag)} has field type {e.Type}, expected an unsigned integer type");
        }

        return result;
    }

    /// <summary>The single value of an integer tag, or <paramref name="fallback"/> when absent.</summary>
    public ulong GetInteger(ushort tag, ulong fallback)
    {
        var values = GetIntegers(tag);
        if (values is null) return fallback;
        if (values.Length == 0) throw _source.Error($"{TiffTag.Describe(tag)} has no value");
        return values[0];
    }

    /// <summary>A per-sample integer tag (BitsPerSample, SampleFormat): all samples must agree.</summary>
    public ulong GetUniformInteger(ushort tag, ulong fallback)
    {
        var values = GetIntegers(tag);
        if (values is null || values.Length == 0) return fallback;
        foreach (var v in values)
            if (v != values[0])
                throw _source.Error($"{TiffTag.Describe(tag)} differs between samples ({string.Join(", ", values)}); mixed sample types are not supported", ErrorKind.NotSupported);
        return values[0];
    }

    public string? GetAscii(ushort tag)
    {
        if (!_entries.TryGetValue(tag, out var e) || e.Type is not (TiffFieldType.Ascii or TiffFieldType.Byte or TiffFieldType.Undefined)) return null;
        var bytes = ValueBytes(e);
        var end = Array.IndexOf(bytes, (byte)0);
        return Encoding.UTF8.GetString(bytes, 0, end < 0 ? bytes.Length : end);
    }

    /// <summary>A RATIONAL value as a double; null when absent, unreadable or with a zero denominator.</summary>
    public double? GetRational(ushort tag)
    {
        if (!_entries.TryGetValue(tag, out var e) || e.Count == 0) return null;
        var order = _header.ByteOrder;
        switch (e.Type)
        {
            case TiffFieldType.Rational:
            {
                var b = ValueBytes(e with { Count = 1 });
                double num = order.UInt32(b), den = order.UInt32(b.AsSpan(4));
                return den == 0 ? null : num / den;
            }
            case TiffFieldType.Short or TiffFieldType.Long:
                return GetIntegers(tag)![0];
            default:
                return null;
        }
    }
}
