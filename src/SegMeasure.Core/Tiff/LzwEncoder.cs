namespace SegMeasure.Core.Tiff;

/// <summary>
/// TIFF LZW encoder, the counterpart of <see cref="LzwDecoder"/>: MSB-first codes starting at 9
/// bits, growing when the next free code passes the current width, a Clear code before the
/// table fills, EndOfInformation at the end (libtiff's conventions, which every reader expects).
/// </summary>
internal sealed class LzwEncoder
{
    private const int ClearCode = 256;
    private const int EndOfInformation = 257;
    private const int FirstFreeCode = 258;
    private const int TableFull = 4094;

    private const int HashSize = 1 << 14; // power of two, well above 4096 entries

    // Open-addressing table from (prefix code, next byte) to code; a key of 0 marks an empty slot.
    private readonly int[] _keys = new int[HashSize];
    private readonly short[] _codes = new short[HashSize];

    private bool TryGet(int key, out int code)
    {
        for (int slot = Hash(key); ; slot = (slot + 1) & (HashSize - 1))
        {
            if (_keys[slot] == key)
            {
                code = _codes[slot];
                return true;
            }

            if (_keys[slot] == 0)
            {
                code = 0;
                return false;
            }
        }
    }

    private void Add(int key, int code)
    {
        int slot = Hash(key);
        while (_keys[slot] != 0) slot = (slot + 1) & (HashSize - 1);
        _keys[slot] = key;
        _codes[slot] = (short)code;
    }

    private static int Hash(int key) => (int)(((uint)key * 2654435761u) >> 18);

    public byte[] Encode(ReadOnlySpan<byte> input)
    {
        var output = new MemoryStream(input.Length / 2 + 16);
        ulong bits = 0;
        int bitCount = 0;
        int width = 9;

        void Put(int code)
        {
            bits = (bits << width) | (uint)code;
            bitCount += width;
            while (bitCount >= 8)
            {
                output.WriteByte((byte)(bits >> (bitCount - 8)));
                bitCount -= 8;
            }
        }

        Array.Clear(_keys);
        int nextCode = FirstFreeCode;
        Put(ClearCode);
        if (input.IsEmpty)
        {
            Put(EndOfInformation);
        }
        else
        {
            int prefix = input[0];
            for (int i = 1; i < input.Length; i++)
            {
                byte b = input[i];
                int key = ((prefix << 8) | b) + 1;
                if (TryGet(key, out var code))
                {
                    prefix = code;
                    continue;
                }

                Put(prefix);
                Add(key, nextCode++);
                if (nextCode == TableFull)
                {
                    Put(ClearCode);
                    Array.Clear(_keys);
                    nextCode = FirstFreeCode;
                    width = 9;
                }
                else if (nextCode > (1 << width) - 1)
                {
                    width++;
                }

                prefix = b;
            }

            Put(prefix);
            nextCode++;
            if (nextCode == TableFull)
            {
                Put(ClearCode);
                width = 9;
            }
            else if (nextCode > (1 << width) - 1)
            {
                width++;
            }

            Put(EndOfInformation);
        }

        if (bitCount > 0) output.WriteByte((byte)(bits << (8 - bitCount)));
        return output.ToArray();
    }
}
