namespace SegMeasure.Core.Tiff;

/// <summary>PackBits (compression 32773): a header byte n, then n+1 literal bytes (0..127) or one byte repeated 1-n times (-127..-1); -128 is a no-op.</summary>
internal static class PackBitsDecoder
{
    public static int Decode(ReadOnlySpan<byte> input, Span<byte> output)
    {
        int inPos = 0, outPos = 0;
        while (inPos < input.Length && outPos < output.Length)
        {
            int n = (sbyte)input[inPos++];
            if (n >= 0)
            {
                int count = Math.Min(n + 1, Math.Min(input.Length - inPos, output.Length - outPos));
                input.Slice(inPos, count).CopyTo(output[outPos..]);
                inPos += n + 1;
                outPos += count;
            }
            else if (n != -128)
            {
                if (inPos >= input.Length) break;
                int count = Math.Min(1 - n, output.Length - outPos);
                output.Slice(outPos, count).Fill(input[inPos++]);
                outPos += count;
            }
        }

        return outPos;
    }
}
