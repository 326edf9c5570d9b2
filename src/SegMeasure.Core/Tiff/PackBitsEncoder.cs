namespace SegMeasure.Core.Tiff;

/// <summary>PackBits encoder, the counterpart of <see cref="PackBitsDecoder"/>; rows are encoded separately, as TIFF 6.0 asks.</summary>
internal static class PackBitsEncoder
{
    public static byte[] Encode(ReadOnlySpan<byte> input, int rowBytes)
    {
        var output = new MemoryStream(input.Length + input.Length / 128 + 16);
        for (int rowStart = 0; rowStart < input.Length; rowStart += rowBytes)
            EncodeRow(input.Slice(rowStart, Math.Min(rowBytes, input.Length - rowStart)), output);
        return output.ToArray();
    }

    private static void EncodeRow(ReadOnlySpan<byte> row, MemoryStream output)
    {
        int i = 0;
        while (i < row.Length)
        {
            int run = 1;
            while (i + run < row.Length && run < 128 && row[i + run] == row[i]) run++;
            if (run >= 2)
            {
                output.WriteByte((byte)(sbyte)(1 - run));
                output.WriteByte(row[i]);
                i += run;
                continue;
            }

            // A literal stretch ends where a run of at least three equal bytes begins.
            int start = i, length = 0;
            while (i < row.Length && length < 128)
            {
                if (i + 2 < row.Length && row[i] == row[i + 1] && row[i] == row[i + 2]) break;
                i++;
                length++;
            }

            output.WriteByte((byte)(length - 1));
            output.Write(row.Slice(start, length));
        }
    }
}
