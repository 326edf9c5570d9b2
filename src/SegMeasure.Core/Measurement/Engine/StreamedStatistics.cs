using System.Numerics;
using System.Runtime.InteropServices;
using SegMeasure.Core.Images;
using SegMeasure.Core.Streaming;

namespace SegMeasure.Core.Measurement.Engine;

/// <summary>
/// Exact per-label intensity statistics of an image read row by row, for images larger than memory.
/// Exact medians and percentiles need every sample of a label at once, so memory cannot be one band
/// alone; but a label's samples are only needed until its last row has been read. A first pass over
/// the labels numbers them (in the order <see cref="LabelSlots"/> gives the in-memory path) and
/// finds each one's voxel count and last row; the second pass, in raster order, copies each
/// label's samples into a buffer of exactly its size and describes and drops the label as soon as
/// the pass leaves its last row. Memory is one band of each image plus the samples of the labels
/// the current row cuts through — small for many small objects, the whole of a label that spans
/// the image. Samples are gathered in raster order, as <see cref="GroupLayout"/> gathers them, so
/// every statistic (sums included) equals the in-memory path's bit for bit.
/// </summary>
internal sealed class StreamedStatistics
{
    /// <summary>Finished labels are described together once they hold this many samples, on all cores.</summary>
    private const long DescribeBatchSamples = 1 << 20;

    private StreamedStatistics(LabelSlots? slots, long[] counts, int[] lastRows)
    {
        Slots = slots;
        Counts = counts;
        LastRows = lastRows;
    }

    /// <summary>The labels numbered by <see cref="Number"/>, whose slots are the groups; null for groups counted by <see cref="Count"/>.</summary>
    public LabelSlots? Slots { get; }

    /// <summary>Voxels of every group.</summary>
    public long[] Counts { get; }

    /// <summary>The last row (in Z·Y order) every group has voxels in.</summary>
    public int[] LastRows { get; }

    /// <summary>
    /// The first pass for groups that are known beforehand (keys 0..<paramref name="groupCount"/>-1):
    /// every group's voxel count and last row, in parallel stripes.
    /// </summary>
    public static StreamedStatistics Count(int rowCount, int groupCount, Func<GroupRowReader> open, BandLayout bands, CancellationToken ct)
    {
        var stripes = bands.Split(rowCount);
        var counts = new long[stripes.Length][];
        var last = new int[stripes.Length][];
        bands.Run(stripes, ct, s =>
        {
            var c = new long[groupCount];
            var l = new int[groupCount];
            using var reader = open();
            for (int row = s.FirstRow; row < s.EndRow; row++)
            {
                if ((row & 1023) == 0) ct.ThrowIfCancellationRequested();
                foreach (var run in reader.Read(row))
                {
                    c[run.Group] += run.Length;
                    l[run.Group] = row;
                }
            }

            counts[s.Index] = c;
            last[s.Index] = l;
        });

        var total = new long[groupCount];
        var lastRows = new int[groupCount];
        for (int i = 0; i < stripes.Length; i++)
            for (int g = 0; g < groupCount; g++)
            {
                total[g] += counts[i][g];
                if (counts[i][g] > 0) lastRows[g] = Math.Max(lastRows[g], last[i][g]);
            }

        return new StreamedStatistics(null, total, lastRows);
    }

    /// <summary>The first pass: numbers the labels and finds every label's voxel count and last row, in parallel stripes.</summary>
    public static StreamedStatistics Number(ImageRows labels, BandLayout bands, CancellationToken ct)
    {
        var shape = labels.Shape;
        var stripes = bands.Split(labels.RowCount);
        var stripeSlots = new StripeSlots[stripes.Length];
        var stripeCounts = new long[stripes.Length][];
        var stripeLast = new int[stripes.Length][];
        bands.Run(stripes, ct, s =>
        {
            var local = new StripeSlots(bands.LookupVoxels((long)(s.EndRow - s.FirstRow) * shape.Width));
            var counts = new long[256];
            var last = new int[256];
            using var reader = new LabelRowReader(labels);
            var runs = new SlotRuns(shape.Width);
            for (int row = s.FirstRow; row < s.EndRow; row++)
            {
                if ((row & 1023) == 0) ct.ThrowIfCancellationRequested();
                runs.Read(reader.Row(row), local);
                if (local.Count > counts.Length)
                {
                    Array.Resize(ref counts, Math.Max(2 * counts.Length, local.Count));
                    Array.Resize(ref last, counts.Length);
                }

                for (int r = 0; r < runs.Count; r++)
                {
                    int value = runs.Value(r);
                    if (value == 0) continue;
                    counts[value - 1] += runs.Start(r + 1) - runs.Start(r);
                    last[value - 1] = row;
                }
            }

            stripeSlots[s.Index] = local;
            stripeCounts[s.Index] = counts;
            stripeLast[s.Index] = last;
        });

        var slots = LabelSlots.Merge(stripeSlots, bands.LookupVoxels(shape.Length), out var toCommon);
        var total = new long[slots.Count];
        var lastRows = new int[slots.Count];
        for (int i = 0; i < stripes.Length; i++)
            for (int local = 0; local < stripeSlots[i].Count; local++)
            {
                int slot = toCommon[i][local];
                total[slot] += stripeCounts[i][local];
                lastRows[slot] = Math.Max(lastRows[slot], stripeLast[i][local]);
            }

        return new StreamedStatistics(slots, total, lastRows);
    }

    /// <summary>The runs of <paramref name="labels"/> grouped by the slots <see cref="Number"/> gave them.</summary>
    public GroupRowReader SlotGroups(ImageRows labels) => new LabelGroups(labels, Slots!);

    /// <summary>The second pass over one intensity channel: statistics of every group.</summary>
    public SampleStatistics[] Describe(Func<GroupRowReader> open, ImageRows channel, CancellationToken ct) => channel.PixelType switch
    {
        PixelType.UInt8 => Describe<byte>(open, channel, ct),
        PixelType.Int8 => Describe<sbyte>(open, channel, ct),
        PixelType.UInt16 => Describe<ushort>(open, channel, ct),
        PixelType.Int16 => Describe<short>(open, channel, ct),
        PixelType.UInt32 => Describe<uint>(open, channel, ct),
        PixelType.Int32 => Describe<int>(open, channel, ct),
        PixelType.UInt64 => Describe<ulong>(open, channel, ct),
        PixelType.Int64 => Describe<long>(open, channel, ct),
        PixelType.Float32 => Describe<float>(open, channel, ct),
        _ => Describe<double>(open, channel, ct),
    };

    private SampleStatistics[] Describe<T>(Func<GroupRowReader> open, ImageRows channel, CancellationToken ct) where T : unmanaged, INumber<T>
    {
        int n = Counts.Length;
        var result = new SampleStatistics[n];
        Array.Fill(result, SampleStatistics.Empty);
        int rowCount = channel.RowCount;
        var endingAt = SlotsByLastRow(rowCount);
        var buffers = new T[n][];
        var filled = new int[n];
        var finished = new List<int>();
        long finishedSamples = 0;
        using var reader = open();
        using var samples = channel.OpenCursor();
        for (int row = 0; row < rowCount; row++)
        {
            if ((row & 1023) == 0) ct.ThrowIfCancellationRequested();
            var values = MemoryMarshal.Cast<byte, T>(samples.Row(row));
            foreach (var run in reader.Read(row))
            {
                var buffer = buffers[run.Group] ??= GC.AllocateUninitializedArray<T>(checked((int)Counts[run.Group]));
                values.Slice(run.X, run.Length).CopyTo(buffer.AsSpan(filled[run.Group]));
                filled[run.Group] += run.Length;
            }

            foreach (int slot in endingAt.Of(row))
            {
                finished.Add(slot);
                finishedSamples += Counts[slot];
            }

            if (finishedSamples >= DescribeBatchSamples || row == rowCount - 1)
            {
                DescribeFinished(finished, buffers, result, ct);
                finished.Clear();
                finishedSamples = 0;
            }
        }

        return result;
    }

    /// <summary>Statistics of the labels whose last row has passed, on all cores; their buffers are dropped.</summary>
    private static void DescribeFinished<T>(List<int> finished, T[][] buffers, SampleStatistics[] result, CancellationToken ct) where T : unmanaged, INumber<T>
    {
        var slots = finished.ToArray();
        Parallel.For(0, slots.Length, new ParallelOptions { CancellationToken = ct }, i =>
        {
            int slot = slots[i];
            if (buffers[slot] is { } buffer) result[slot] = SampleStatistics.Of(buffer.AsSpan());
            buffers[slot] = null!;
        });
    }

    /// <summary>Slots grouped by their last row (a counting sort), so each row finds the labels that end in it.</summary>
    private RowIndex SlotsByLastRow(int rowCount)
    {
        var starts = new int[rowCount + 1];
        foreach (int row in LastRows) starts[row + 1]++; // an empty group (last row 0) is simply done after row 0
        for (int r = 0; r < rowCount; r++) starts[r + 1] += starts[r];
        var order = new int[LastRows.Length];
        var cursor = (int[])starts.Clone();
        for (int slot = 0; slot < LastRows.Length; slot++) order[cursor[LastRows[slot]]++] = slot;
        return new RowIndex(starts, order);
    }

    private readonly record struct RowIndex(int[] Starts, int[] Order)
    {
        public ReadOnlySpan<int> Of(int row) => Order.AsSpan(Starts[row], Starts[row + 1] - Starts[row]);
    }

    private sealed class LabelGroups(ImageRows labels, LabelSlots slots) : GroupRowReader
    {
        private readonly LabelRowReader _reader = new(labels);
        private readonly SlotRuns _runs = new(labels.Shape.Width);

        protected override void Fill(int row)
        {
            _runs.Read(_reader.Row(row), slots);
            for (int r = 0; r < _runs.Count; r++)
            {
                int value = _runs.Value(r);
                if (value == 0) continue;
                int x = _runs.Start(r) - 1; // padded → image columns
                Add(value - 1, x, _runs.Start(r + 1) - 1 - x);
            }
        }

        public override void Dispose() => _reader.Dispose();
    }
}
