using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SegMeasure.Core.Measurement.Engine;

/// <summary>
/// One image row as runs of equal slot values (slot + 1; 0 for background), padded by one
/// background column on each side: run r covers padded columns [Starts[r], Starts[r + 1]), and
/// the runs cover [0, width + 2) exactly. Boundary work then scales with the runs of a row, not
/// its pixels.
/// </summary>
internal sealed class SlotRuns
{
    private readonly int[] _starts;
    private readonly int[] _values;

    public SlotRuns(int width)
    {
        Width = width;
        // A row of width w has at most w + 2 runs, plus the sentinel.
        _starts = new int[width + 3];
        _values = new int[width + 3];
        Clear();
    }

    public int Width { get; }

    /// <summary>Number of runs; <see cref="Start"/>(Count) is the end of the padded row.</summary>
    public int Count { get; private set; }

    public int Start(int run) => _starts[run];

    public int Value(int run) => _values[run];

    internal ReadOnlySpan<int> Starts => _starts.AsSpan(0, Count + 1);

    internal ReadOnlySpan<int> Values => _values.AsSpan(0, Count + 1);

    /// <summary>A row of background only (the padding above the first and below the last row).</summary>
    public void Clear()
    {
        _starts[0] = 0;
        _values[0] = 0;
        Close(1);
    }

    /// <summary>Reads the runs of <paramref name="pixels"/> (label ids) as slot values.</summary>
    public void Read(ReadOnlySpan<uint> pixels, LabelSlots slots)
    {
        int count = FindRuns(pixels);
        ReadOnlySpan<int> starts = _starts.AsSpan(0, count);
        var values = _values.AsSpan(0, count);
        var direct = slots.DirectTable; // entry 0 (background) is -1, so no branch on it either
        for (int r = 1; r < count; r++)
        {
            uint id = pixels[starts[r] - 1];
            values[r] = (direct is not null && id < (uint)direct.Length ? direct[id] : slots.SlotOf(id)) + 1;
        }

        ClosePadded(pixels, count);
    }

    /// <summary>Reads the runs of <paramref name="pixels"/> as slots of one stripe, numbering labels new to it.</summary>
    public void Read(ReadOnlySpan<uint> pixels, StripeSlots slots)
    {
        int count = FindRuns(pixels);
        ReadOnlySpan<int> starts = _starts.AsSpan(0, count);
        var values = _values.AsSpan(0, count);
        for (int r = 1; r < count; r++) values[r] = slots.SlotOf(pixels[starts[r] - 1]) + 1;
        ClosePadded(pixels, count);
    }

    /// <summary>Writes the run starts of <paramref name="pixels"/> and returns their count, the left padding being run 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // every row of every measurement passes here
    private int FindRuns(ReadOnlySpan<uint> pixels)
    {
        var starts = _starts.AsSpan(0, pixels.Length + 3);
        // A leading background run joins the left padding (run 0).
        starts[0] = 0;
        _values[0] = 0;
        int count = 1;
        if (pixels.IsEmpty) return count;
        if (pixels[0] != 0) starts[count++] = 1;

        // Eight columns at a time against their left neighbours: most blocks hold no label
        // change, so the cost per pixel is a compare, and the work per run a bit scan.
        int x = 1;
        if (Vector256.IsHardwareAccelerated)
        {
            ref uint row = ref MemoryMarshal.GetReference(pixels);
            for (; x + Vector256<uint>.Count <= pixels.Length; x += Vector256<uint>.Count)
            {
                var here = Vector256.LoadUnsafe(ref row, (nuint)x);
                var left = Vector256.LoadUnsafe(ref row, (nuint)(x - 1));
                uint changes = ~Vector256.Equals(here, left).ExtractMostSignificantBits() & 0xFF;
                for (; changes != 0; changes &= changes - 1)
                    starts[count++] = x + BitOperations.TrailingZeroCount(changes) + 1;
            }
        }

        // The columns left over (all of them without 256-bit vectors), without branches: with 10⁵
        // small labels a branch on "same id as the pixel before" is mispredicted at nearly every run end.
        for (; x < pixels.Length; x++)
        {
            starts[count] = x + 1;
            count += pixels[x] != pixels[x - 1] ? 1 : 0;
        }

        return count;
    }

    /// <summary>Adds the right padding after a row that ends inside a label, then the sentinel.</summary>
    private void ClosePadded(ReadOnlySpan<uint> pixels, int count)
    {
        if (pixels.Length > 0 && pixels[^1] != 0)
        {
            _starts[count] = pixels.Length + 1;
            _values[count++] = 0;
        }

        Close(count);
    }

    /// <summary>The sentinel after the last run: its start is the end of the padded row, its value background.</summary>
    private void Close(int count)
    {
        Count = count;
        _starts[count] = Width + 2;
        _values[count] = 0;
    }
}
