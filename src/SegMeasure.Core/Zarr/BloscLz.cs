namespace SegMeasure.Core.Zarr;

/// <summary>
/// Decompresses blosc's own codec, BloscLZ: an LZ77 format of literal runs (control byte below
/// 32: that many plus one literal bytes follow) and matches (length in the control byte's top
/// three bits, extended by 255-runs; 13-bit distance, or a 16-bit one after an escape), written
/// from the format's description. Every read and copy is bounds-checked.
/// </summary>
internal static class BloscLz
{
    private const int MaxDistance = 8191;

    /// <summary>Decodes <paramref name="input"/> into <paramref name="output"/>; returns the bytes written.</summary>
    public static int Decode(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (input.IsEmpty) return 0;
        int ip = 0, op = 0;
        uint control = input[ip++] & 31u;
        while (true)
        {
            if (control >= 32)
            {
                int length = (int)(control >> 5) - 1;
                int offset = (int)(control & 31) << 8;
                if (length == 6)
                {
                    byte more;
                    do
                    {
                        if (ip + 1 >= input.Length) throw Corrupt("match length runs past the input");
                        more = input[ip++];
                        length += more;
                    }
                    while (more == 255);
                }
                else if (ip + 1 >= input.Length)
                {
                    throw Corrupt("match runs past the input");
                }

                byte code = input[ip++];
                length += 3;
                long reference = op - offset - code;
                if (code == 255 && offset == 31 << 8)
                {
                    if (ip + 1 >= input.Length) throw Corrupt("far match runs past the input");
                    int far = (input[ip] << 8) | input[ip + 1];
                    ip += 2;
                    reference = op - far - MaxDistance;
                }

                reference--; // distances count from the byte before the current position
                if (op + length > output.Length) throw Corrupt("match writes past the block");
                if (reference < 0) throw Corrupt("match refers before the start of the block");
                // Overlapping copies repeat the pattern, so copy byte by byte.
                for (int i = 0; i < length; i++) output[op + i] = output[(int)reference + i];
                op += length;
                if (ip >= input.Length) break;
                control = input[ip++];
            }
            else
            {
                int run = (int)control + 1;
                if (op + run > output.Length) throw Corrupt("literal run writes past the block");
                if (ip + run > input.Length) throw Corrupt("literal run reads past the input");
                input.Slice(ip, run).CopyTo(output[op..]);
                op += run;
                ip += run;
                if (ip >= input.Length) break;
                control = input[ip++];
            }
        }

        return op;
    }

    private static InvalidDataException Corrupt(string what) => new($"corrupt BloscLZ data: {what}");
}
