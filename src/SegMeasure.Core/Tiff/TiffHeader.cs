namespace SegMeasure.Core.Tiff;

/// <summary>The first bytes of a TIFF: byte order, classic (42) or BigTIFF (43), and where the first IFD is.</summary>
internal readonly record struct TiffHeader(TiffByteOrder ByteOrder, bool IsBigTiff, ulong FirstIfdOffset)
{
    public static TiffHeader Read(TiffSource source)
    {
        if (source.Length < 8)
            throw NotTiff(source) ?? source.Error(source.Length == 0 ? "not a TIFF file: the file is empty" : $"not a TIFF file: {source.Length} bytes is too short for a TIFF header");
        Span<byte> head = stackalloc byte[16];
        var available = (int)Math.Min(16, source.Length);
        source.Read(0, head[..available], "TIFF header");
        TiffByteOrder order = (head[0], head[1]) switch
        {
            ((byte)'I', (byte)'I') => new TiffByteOrder(false),
            ((byte)'M', (byte)'M') => new TiffByteOrder(true),
            _ => throw NotTiff(source) ?? source.Error($"not a TIFF file: bad byte-order mark 0x{head[0]:X2}{head[1]:X2} (expected 'II' or 'MM')"),
        };
        var version = order.UInt16(head[2..]);
        switch (version)
        {
            case 42:
                return new TiffHeader(order, false, order.UInt32(head[4..]));
            case 43:
                if (available < 16) throw source.Error("BigTIFF header is truncated");
                var offsetSize = order.UInt16(head[4..]);
                if (offsetSize != 8 || order.UInt16(head[6..]) != 0)
                    throw source.Error($"BigTIFF header declares offset size {offsetSize} (only 8 is defined)");
                return new TiffHeader(order, true, order.UInt64(head[8..]));
            default:
                throw NotTiff(source) ?? source.Error($"not a TIFF file: unknown TIFF version {version} (expected 42, or 43 for BigTIFF)");
        }
    }

    /// <summary>The error naming the format of a file that is not a TIFF, when its bytes or extension tell.</summary>
    private static SegMeasureException? NotTiff(TiffSource source)
    {
        Span<byte> head = stackalloc byte[Images.ForeignFormat.HeadLength];
        var length = (int)Math.Min(head.Length, source.Length);
        source.Read(0, head[..length], "file header");
        return Images.ForeignFormat.Recognise(source.Path, head[..length]);
    }
}
