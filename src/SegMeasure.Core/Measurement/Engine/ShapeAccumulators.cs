using SegMeasure.Core.Images;
using SegMeasure.Core.Streaming;

namespace SegMeasure.Core.Measurement.Engine;

/// <summary>
/// Per-label state gathered in one pass over a label image: voxel count, exact integer sums of
/// coordinates and their products (for centroids and the inertia tensor), bounding box and, in
/// 2D, the histogram of 2×2 boundary configurations (perimeter, Euler number). Every stripe
/// fills its own instance, indexed by its own slots and grown as it meets labels;
/// <see cref="Add"/> merges them into the common slots.
/// </summary>
internal sealed class ShapeAccumulators
{
    // Moment layout per slot: n, Σz, Σy, Σx, Σzz, Σyy, Σxx, Σzy, Σzx, Σyx.
    public const int MomentStride = 10;
    public const int Configurations = BoundaryWindows.Configurations;

    /// <summary>Slots a stripe's accumulators start with; they double as the stripe meets more labels.</summary>
    private const int InitialCapacity = 256;

    public ShapeAccumulators(int slots, bool withConfigurations)
    {
        Moments = new long[(long)slots * MomentStride];
        BoxMin = new int[slots * 3];
        BoxMax = new int[slots * 3];
        Array.Fill(BoxMin, int.MaxValue);
        Array.Fill(BoxMax, -1);
        if (withConfigurations) Configuration = new int[((long)slots + 1) * Configurations];
    }

    public long[] Moments { get; private set; }
    public int[] BoxMin { get; private set; }   // z, y, x
    public int[] BoxMax { get; private set; }   // inclusive
    /// <summary>Counts of the 16 window configurations per slot, slot s at row s + 1 (row 0 is scratch, see
    /// <see cref="ConfigurationsOf"/>); 32 bits hold any 2D image below 2^31 pixels and keep the table small
    /// (it is hit at random along boundaries).</summary>
    public int[]? Configuration { get; private set; }

    private int Capacity => BoxMin.Length / 3;

    public ReadOnlySpan<int> ConfigurationsOf(int slot) => Configuration.AsSpan((slot + 1) * Configurations, Configurations);

    public long Count(int slot) => Moments[(long)slot * MomentStride];

    /// <summary>
    /// Adds what <paramref name="stripe"/> gathered for its slots [<paramref name="first"/>, <paramref name="end"/>),
    /// each to the slot <paramref name="toCommon"/> maps it to.
    /// </summary>
    public void Add(ShapeAccumulators stripe, int[] toCommon, int first, int end)
    {
        for (int local = first; local < end; local++)
        {
            int slot = toCommon[local];
            var sum = Moments.AsSpan(slot * MomentStride, MomentStride);
            var part = stripe.Moments.AsSpan(local * MomentStride, MomentStride);
            for (int k = 0; k < MomentStride; k++) sum[k] += part[k];
            for (int a = 0; a < 3; a++)
            {
                BoxMin[slot * 3 + a] = Math.Min(BoxMin[slot * 3 + a], stripe.BoxMin[local * 3 + a]);
                BoxMax[slot * 3 + a] = Math.Max(BoxMax[slot * 3 + a], stripe.BoxMax[local * 3 + a]);
            }

            if (Configuration is null) continue;
            var counts = Configuration.AsSpan((slot + 1) * Configurations, Configurations);
            var stripeCounts = stripe.ConfigurationsOf(local);
            for (int c = 0; c < Configurations; c++) counts[c] += stripeCounts[c];
        }
    }

    /// <summary>Room for at least <paramref name="slots"/> slots, doubling so that growing costs O(1) per slot.</summary>
    private void EnsureCapacity(int slots)
    {
        if (slots <= Capacity) return;
        int capacity = Math.Max(slots, 2 * Capacity);
        int old = Capacity;
        Moments = Resized(Moments, capacity * MomentStride, 0L);
        BoxMin = Resized(BoxMin, capacity * 3, int.MaxValue);
        BoxMax = Resized(BoxMax, capacity * 3, -1);
        if (Configuration is not null) Configuration = Resized(Configuration, (capacity + 1) * Configurations, 0);

        static T[] Resized<T>(T[] array, int length, T empty)
        {
            int used = array.Length;
            Array.Resize(ref array, length);
            array.AsSpan(used).Fill(empty);
            return array;
        }
    }

    /// <summary>
    /// One parallel pass over <paramref name="labels"/>: each stripe numbers the labels it meets
    /// as it scans (no pass beforehand), then <paramref name="slots"/> numbers them all and the
    /// stripes' accumulators are added up under it. With <paramref name="keepRuns"/>, every stripe
    /// also keeps its runs of labelled voxels in <paramref name="runs"/>, row by row, for the
    /// per-object kernels that follow.
    /// </summary>
    public static ShapeAccumulators Collect(LabelImage labels, bool keepRuns, out LabelSlots slots, out KeptRuns[] runs, CancellationToken ct) =>
        Collect(ArrayRows.Of(labels), keepRuns, BandLayout.InMemory, out slots, out runs, ct);

    /// <summary>
    /// The same pass over rows that may come from a file band by band: each stripe reads its rows
    /// through a cursor of its own (one decoded band), and the row above a stripe is read again by
    /// it, so the 2×2 windows across stripe edges are counted as in one scan. The result does not
    /// depend on <paramref name="bands"/>.
    /// </summary>
    public static ShapeAccumulators Collect(ImageRows labels, bool keepRuns, BandLayout bands, out LabelSlots slots, out KeptRuns[] runs, CancellationToken ct)
    {
        var shape = labels.Shape;
        EnsureExactSums(shape);
        var stripes = bands.Split(labels.RowCount);
        var parts = new ShapeAccumulators[stripes.Length];
        var stripeSlots = new StripeSlots[stripes.Length];
        var stripeRuns = new RunLog<LabelRun>[stripes.Length];
        bands.Run(stripes, ct, s =>
        {
            var local = new StripeSlots(bands.LookupVoxels((long)(s.EndRow - s.FirstRow) * shape.Width));
            var acc = new ShapeAccumulators(InitialCapacity, shape.Is2D);
            using var reader = new LabelRowReader(labels);
            stripeRuns[s.Index] = acc.Scan(reader, shape, local, s, keepRuns, ct);
            parts[s.Index] = acc;
            stripeSlots[s.Index] = local;
        });

        slots = LabelSlots.Merge(stripeSlots, bands.LookupVoxels(shape.Length), out var toCommon);
        var total = new ShapeAccumulators(slots.Count, shape.Is2D);
        // A stripe's slots map to distinct common slots, so its ranges can be added on all cores.
        for (int i = 0; i < parts.Length; i++)
        {
            int n = stripeSlots[i].Count, chunk = Math.Max(1 << 12, n / (4 * Environment.ProcessorCount));
            var part = parts[i];
            var map = toCommon[i];
            Parallel.For(0, (n + chunk - 1) / chunk, new ParallelOptions { CancellationToken = ct },
                c => total.Add(part, map, c * chunk, Math.Min(n, (c + 1) * chunk)));
            parts[i] = null!; // a stripe's accumulators go as soon as they are added
        }

        runs = stripeRuns.Select((log, i) => new KeptRuns(log, toCommon[i])).ToArray();
        return total;
    }

    /// <summary>Integer sums of squared coordinates must fit in 64 bits.</summary>
    private static void EnsureExactSums(ImageShape shape)
    {
        double extent = Math.Max(shape.Depth, Math.Max(shape.Height, shape.Width));
        if ((double)shape.Length * extent * extent > 9.0e18)
            throw new SegMeasureException("SegMeasure.ImageTooLarge", ErrorKind.NotSupported,
                $"an image of shape {shape} is too large for exact moment sums");
    }

    private RunLog<LabelRun> Scan(LabelRowReader labels, ImageShape shape, StripeSlots slots, Stripe stripe, bool keepRuns, CancellationToken ct)
    {
        int width = shape.Width, height = shape.Height;
        var kept = new RunLog<LabelRun>();
        var previous = new SlotRuns(width);
        var current = new SlotRuns(width);
        if (Configuration is not null && stripe.FirstRow > 0)
        {
            // The windows across the stripe's top edge count the labels of the row above here too.
            previous.Read(labels.Row(stripe.FirstRow - 1), slots);
            EnsureCapacity(slots.Count);
        }

        for (int row = stripe.FirstRow; row < stripe.EndRow; row++)
        {
            int z = row / height, y = row % height;
            if ((row & 1023) == 0) ct.ThrowIfCancellationRequested(); // a stripe of a large image takes a while
            current.Read(labels.Row(row), slots);
            EnsureCapacity(slots.Count);
            for (int r = 0; r < current.Count; r++)
            {
                int value = current.Value(r);
                if (value == 0) continue;
                int first = current.Start(r) - 1, last = current.Start(r + 1) - 2; // padded → image columns
                AddRun(value - 1, first, last, z, y);
                if (keepRuns) kept.Add(new LabelRun(value - 1, row, first, last));
            }

            if (Configuration is not null)
            {
                BoundaryWindows.Accumulate(previous, current, Configuration);
                (previous, current) = (current, previous);
            }
        }

        // The windows below the last row see it above and padding below.
        if (Configuration is not null && stripe.EndRow == height)
        {
            current.Clear();
            BoundaryWindows.Accumulate(previous, current, Configuration);
        }

        return kept;
    }

    private void AddRun(int slot, long first, long last, long z, long y)
    {
        long n = last - first + 1;
        long sumX = (first + last) * n / 2;
        long sumXX = SumOfSquares(last) - SumOfSquares(first - 1);
        var m = Moments.AsSpan((int)((long)slot * MomentStride), MomentStride);
        m[0] += n;
        m[2] += y * n;
        m[3] += sumX;
        m[5] += y * y * n;
        m[6] += sumXX;
        m[9] += y * sumX;
        if (z != 0) // the z terms of the first (or only) slice are zero
        {
            m[1] += z * n;
            m[4] += z * z * n;
            m[7] += z * y * n;
            m[8] += z * sumX;
        }

        // Min and max without branches: which end of an outline a run lies on is a coin toss.
        int b = slot * 3;
        BoxMin[b] = Math.Min(BoxMin[b], (int)z);
        BoxMax[b] = Math.Max(BoxMax[b], (int)z);
        BoxMin[b + 1] = Math.Min(BoxMin[b + 1], (int)y);
        BoxMax[b + 1] = Math.Max(BoxMax[b + 1], (int)y);
        BoxMin[b + 2] = Math.Min(BoxMin[b + 2], (int)first);
        BoxMax[b + 2] = Math.Max(BoxMax[b + 2], (int)last);
    }

    private static long SumOfSquares(long k) => k < 0 ? 0 : k * (k + 1) * (2 * k + 1) / 6;
}
