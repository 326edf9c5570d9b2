namespace SegMeasure.Core.Measurement;

/// <summary>
/// One image row as runs of equal slot values (slot + 1; 0 for background), padded by one
/// background column on each side: run r covers padded columns [Starts[r], Starts[r + 1]), and
/// the runs cover [0, width + 2) exactly. Boundary work then scales with the runs of a row, not
/// its pixels.
/// </summary>
internal sealed class SlotRuns
{
    private int[] _starts;
    private int[] _values;

    public SlotRuns(int width)
    {
        Width = width;
        // A row of width w has at most w + 2 runs; start small and grow, as most rows have few.
        _starts = new int[Math.Min(width + 3, 64)];
        _values = new int[_starts.Length];
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
        Count = 0;
        Append(0, 0);
        Close();
    }

    /// <summary>Reads the runs of <paramref name="pixels"/> (label ids) as slot values.</summary>
    public void Read(ReadOnlySpan<uint> pixels, LabelSlots slots)
    {
        Count = 0;
        Append(0, 0); // left padding, joined by a leading background run
        uint runId = 0;
        int value = 0;
        for (int x = 0; x < pixels.Length; x++)
        {
            uint id = pixels[x];
            if (id == runId) continue;
            runId = id;
            int next = slots.SlotOf(id) + 1;
            if (next == value) continue;
            value = next;
            Append(x + 1, value);
        }

        if (value != 0) Append(pixels.Length + 1, 0); // right padding
        Close();
    }

    private void Append(int start, int value)
    {
        if (Count + 1 >= _starts.Length)
        {
            Array.Resize(ref _starts, Math.Min(2 * _starts.Length, Width + 3));
            Array.Resize(ref _values, _starts.Length);
        }

        _starts[Count] = start;
        _values[Count] = value;
        Count++;
    }

    /// <summary>The sentinel after the last run: its start is the end of the padded row, its value background.</summary>
    private void Close()
    {
        _starts[Count] = Width + 2;
        _values[Count] = 0;
    }
}
