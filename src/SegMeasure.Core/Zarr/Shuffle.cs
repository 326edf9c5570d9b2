namespace SegMeasure.Core.Zarr;

/// <summary>
/// Undoes blosc's shuffle filters on one block. Byte shuffle stores byte j of every element
/// together (all first bytes, then all second bytes, ...); bit shuffle stores bit b of byte j of
/// every element together, eight elements to a byte, least significant first, for whole groups
/// of eight elements (a remainder is stored as is).
/// </summary>
internal static class Shuffle
{
    public static void UndoByteShuffle(ReadOnlySpan<byte> source, Span<byte> target, int typeSize)
    {
        int elements = source.Length / typeSize;
        for (int j = 0; j < typeSize; j++)
        {
            var plane = source.Slice(j * elements, elements);
            for (int i = 0; i < elements; i++) target[i * typeSize + j] = plane[i];
        }

        int tail = elements * typeSize;
        source[tail..].CopyTo(target[tail..]);
    }

    public static void UndoBitShuffle(ReadOnlySpan<byte> source, Span<byte> target, int typeSize)
    {
        int elements = source.Length / typeSize;
        int shuffled = elements - elements % 8;
        int rowBytes = shuffled / 8;
        target[..(shuffled * typeSize)].Clear();
        for (int j = 0; j < typeSize; j++)
        {
            for (int bit = 0; bit < 8; bit++)
            {
                var row = source.Slice((j * 8 + bit) * rowBytes, rowBytes);
                for (int k = 0; k < rowBytes; k++)
                {
                    int packed = row[k];
                    if (packed == 0) continue;
                    for (int m = 0; m < 8; m++)
                        if ((packed >> m & 1) != 0) target[(k * 8 + m) * typeSize + j] |= (byte)(1 << bit);
                }
            }
        }

        int tail = shuffled * typeSize;
        source[tail..].CopyTo(target[tail..]);
    }
}
