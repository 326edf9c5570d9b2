using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SegMeasure.Core.Tiff;

/// <summary>
/// TIFF LZW (compression 5): MSB-first codes of 9 to 12 bits, Clear = 256, EndOfInformation = 257,
/// the code width growing one code early, as libtiff writes it. A table entry is kept as a
/// (start, length) reference into the output: a new entry is always the previous string
/// followed by the first byte of the current one, which is exactly what lies at the previous
/// string's place in the output, so strings are never copied into a table.
/// </summary>
internal static class LzwDecoder
{
    private const int ClearCode = 256;
    private const int EndOfInformation = 257;
    private const int FirstFreeCode = 258;
    private const int MaxCodes = 4096;

    /// <summary>Decodes <paramref name="input"/> into <paramref name="output"/>; returns the number of bytes written.
    /// Stops when the output is full, at EndOfInformation, or when the input runs out.</summary>
    [SkipLocalsInit] // the tables are only read where written; zeroing 32 KiB per strip is wasted work
    public static int Decode(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (input.Length >= 2 && input[0] == 0 && (input[1] & 0x01) != 0)
            throw new InvalidDataException("old-style (LSB-first) LZW data is not supported");

        Span<int> start = stackalloc int[MaxCodes];
        Span<int> length = stackalloc int[MaxCodes];
        int nextCode = FirstFreeCode, width = 9;
        int previousStart = -1, previousLength = 0;
        int outPos = 0, inPos = 0, bitCount = 0;
        ulong bitBuffer = 0;

        while (outPos < output.Length)
        {
            while (bitCount < width)
            {
                if (inPos >= input.Length) return outPos;
                bitBuffer = (bitBuffer << 8) | input[inPos++];
                bitCount += 8;
            }

            int code = (int)(bitBuffer >> (bitCount - width)) & ((1 << width) - 1);
            bitCount -= width;

            if (code == EndOfInformation) break;
            if (code == ClearCode)
            {
                nextCode = FirstFreeCode;
                width = 9;
                previousStart = -1;
                continue;
            }

            int stringStart = outPos;
            int stringLength;
            if (code < 256)
            {
                output[outPos++] = (byte)code;
                stringLength = 1;
            }
            else if (previousStart < 0)
            {
                throw new InvalidDataException($"LZW code {code} follows a Clear code (expected a literal byte)");
            }
            else if (code < nextCode)
            {
                stringLength = length[code];
                int from = start[code];
                if (stringLength <= 16 && outPos + 16 <= output.Length)
                {
                    // Short strings dominate: copy 16 bytes in two moves (the source lies wholly before
                    // outPos; bytes past the string are overwritten by what follows).
                    ref byte o = ref MemoryMarshal.GetReference(output);
                    var low = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref o, from));
                    var high = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref o, from + 8));
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref o, outPos), low);
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref o, outPos + 8), high);
                    outPos += stringLength;
                }
                else
                {
                    var n = Math.Min(stringLength, output.Length - outPos);
                    output.Slice(from, n).CopyTo(output.Slice(outPos, n));
                    outPos += n;
                }
            }
            else if (code == nextCode)
            {
                // The string being defined right now: the previous string plus its own first byte.
                stringLength = previousLength + 1;
                var n = Math.Min(stringLength, output.Length - outPos);
                for (int i = 0; i < n; i++)
                    output[outPos + i] = output[previousStart + (i < previousLength ? i : 0)];
                outPos += n;
            }
            else
            {
                throw new InvalidDataException($"LZW code {code} is not in the table (next free code is {nextCode})");
            }

            if (previousStart >= 0 && nextCode < MaxCodes)
            {
                start[nextCode] = previousStart;
                length[nextCode] = previousLength + 1;
                nextCode++;
                if (nextCode >= (1 << width) - 1 && width < 12) width++;
            }

            previousStart = stringStart;
            previousLength = stringLength;
        }

        return outPos;
    }
}
