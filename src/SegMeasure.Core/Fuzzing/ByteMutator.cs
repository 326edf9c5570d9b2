using System.Buffers.Binary;

namespace SegMeasure.Core.Fuzzing;

/// <summary>
/// Seeded structure-blind mutations of a file's bytes, the kind that find parser bugs: bit
/// flips, random and boundary values (0, 0xFF.., 2³¹, small counts) written over 1 to 8 bytes,
/// truncation, and deleted, duplicated or inserted runs. The same seed gives the same mutants.
/// </summary>
internal sealed class ByteMutator
{
    private static readonly ulong[] Boundaries = [0, 1, 2, 7, 8, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF, 0x10000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, ulong.MaxValue];

    private readonly Random _random;

    public ByteMutator(int seed) => _random = new Random(seed);

    /// <summary>A mutant of <paramref name="original"/> with one to four edits.</summary>
    public byte[] Mutate(ReadOnlySpan<byte> original)
    {
        var bytes = new List<byte>(original.Length + 64);
        bytes.AddRange(original);
        int edits = 1 + _random.Next(4);
        for (int i = 0; i < edits && bytes.Count > 0; i++) Edit(bytes);
        return bytes.ToArray();
    }

    private void Edit(List<byte> bytes)
    {
        // Headers and directories sit at the start of most files: bias positions towards it.
        int At() => _random.Next(2) == 0 ? _random.Next(Math.Min(bytes.Count, 512)) : _random.Next(bytes.Count);
        switch (_random.Next(7))
        {
            case 0:
                bytes[At()] ^= (byte)(1 << _random.Next(8));
                break;
            case 1:
                bytes[At()] = (byte)_random.Next(256);
                break;
            case 2:
            {
                int width = new[] { 1, 2, 4, 8 }[_random.Next(4)];
                int at = At();
                Span<byte> value = stackalloc byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(value, Boundaries[_random.Next(Boundaries.Length)]);
                if (_random.Next(2) == 0) value[..width].Reverse();
                for (int k = 0; k < width && at + k < bytes.Count; k++) bytes[at + k] = value[k];
                break;
            }
            case 3:
                int keep = _random.Next(bytes.Count);
                bytes.RemoveRange(keep, bytes.Count - keep);
                break;
            case 4:
            {
                int at = At();
                bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + _random.Next(64)));
                break;
            }
            case 5:
            {
                int at = At();
                int length = Math.Min(bytes.Count - at, 1 + _random.Next(64));
                bytes.InsertRange(_random.Next(bytes.Count), bytes.GetRange(at, length));
                break;
            }
            default:
            {
                var run = new byte[1 + _random.Next(32)];
                _random.NextBytes(run);
                bytes.InsertRange(At(), run);
                break;
            }
        }
    }
}
