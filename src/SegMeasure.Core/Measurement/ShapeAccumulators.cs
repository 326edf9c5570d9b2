using SegMeasure.Core.Images;

namespace SegMeasure.Core.Measurement;

/// <summary>
/// Per-label state gathered in one pass over a label image: voxel count, exact integer sums of
/// coordinates and their products (for centroids and the inertia tensor), bounding box and, in
/// 2D, the histogram of 2×2 boundary configurations (perimeter, Euler number). Every stripe
/// fills its own instance; <see cref="Add"/> merges them, slot range by slot range.
/// </summary>
internal sealed class ShapeAccumulators
{
    // Moment layout per slot: n, Σz, Σy, Σx, Σzz, Σyy, Σxx, Σzy, Σzx, Σyx.
    public const int MomentStride = 10;
    public const int Configurations = BoundaryWindows.Configurations;

    public ShapeAccumulators(int slots, bool withConfigurations)
    {
        Moments = new long[(long)slots * MomentStride];
        BoxMin = new int[slots * 3];
        BoxMax = new int[slots * 3];
        Array.Fill(BoxMin, int.MaxValue);
        Array.Fill(BoxMax, -1);
        if (withConfigurations) Configuration = new int[((long)slots + 1) * Configurations];
    }

    public long[] Moments { get; }
    public int[] BoxMin { get; }   // z, y, x
    public int[] BoxMax { get; }   // inclusive
    /// <summary>Counts of the 16 window configurations per slot, slot s at row s + 1 (row 0 is scratch, see
    /// <see cref="ConfigurationsOf"/>); 32 bits hold any 2D image below 2^31 pixels and keep the table small
    /// (it is hit at random along boundaries).</summary>
    public int[]? Configuration { get; }

    public ReadOnlySpan<int> ConfigurationsOf(int slot) => Configuration.AsSpan((slot + 1) * Configurations, Configurations);

    public long Count(int slot) => Moments[(long)slot * MomentStride];

    /// <summary>Adds what <paramref name="other"/> gathered for slots [<paramref name="first"/>, <paramref name="end"/>).</summary>
    public void Add(ShapeAccumulators other, int first, int end)
    {
        for (long i = (long)first * MomentStride; i < (long)end * MomentStride; i++) Moments[i] += other.Moments[i];
        for (int i = first * 3; i < end * 3; i++)
        {
            BoxMin[i] = Math.Min(BoxMin[i], other.BoxMin[i]);
            BoxMax[i] = Math.Max(BoxMax[i], other.BoxMax[i]);
        }

        if (Configuration is not null)
            for (long i = (first + 1L) * Configurations; i < (end + 1L) * Configurations; i++) Configuration[i] += other.Configuration![i];
    }

    /// <summary>
    /// One parallel pass over <paramref name="labels"/>; with <paramref name="keepRuns"/>, every stripe
    /// also keeps its runs of labelled voxels in <paramref name="runs"/>, row by row, for the
    /// per-object kernels that follow.
    /// </summary>
    public static ShapeAccumulators Collect(LabelImage labels, LabelSlots slots, bool keepRuns, out RunLog<LabelRun>[] runs, CancellationToken ct)
    {
        var shape = labels.Shape;
        EnsureExactSums(shape);
        var stripes = Stripes.Split(shape.Depth * shape.Height);
        var parts = new ShapeAccumulators[stripes.Length];
        var stripeRuns = new RunLog<LabelRun>[stripes.Length];
        Stripes.Run(stripes, ct, s =>
        {
            var acc = new ShapeAccumulators(slots.Count, shape.Is2D);
            stripeRuns[s.Index] = acc.Scan(labels, slots, s, keepRuns);
            parts[s.Index] = acc;
        });
        // With 10⁵ labels the stripes' accumulators are tens of megabytes: merge them on all cores.
        int n = slots.Count, chunk = Math.Max(1 << 12, n / (4 * Environment.ProcessorCount));
        Parallel.For(0, (n + chunk - 1) / chunk, new ParallelOptions { CancellationToken = ct }, c =>
        {
            for (int i = 1; i < parts.Length; i++) parts[0].Add(parts[i], c * chunk, Math.Min(n, (c + 1) * chunk));
        });
        runs = stripeRuns;
        return parts[0];
    }

    /// <summary>Integer sums of squared coordinates must fit in 64 bits.</summary>
    private static void EnsureExactSums(ImageShape shape)
    {
        double extent = Math.Max(shape.Depth, Math.Max(shape.Height, shape.Width));
        if ((double)shape.Length * extent * extent > 9.0e18)
            throw new SegMeasureException("SegMeasure.ImageTooLarge", ErrorKind.NotSupported,
                $"an image of shape {shape} is too large for exact moment sums");
    }

    private RunLog<LabelRun> Scan(LabelImage labels, LabelSlots slots, Stripe stripe, bool keepRuns)
    {
        var data = labels.Data;
        var shape = labels.Shape;
        int width = shape.Width, height = shape.Height;
        var kept = new RunLog<LabelRun>();
        var previous = new SlotRuns(width);
        var current = new SlotRuns(width);
        if (Configuration is not null && stripe.FirstRow > 0)
            previous.Read(Row(data, stripe.FirstRow - 1, width), slots);

        for (int row = stripe.FirstRow; row < stripe.EndRow; row++)
        {
            int z = row / height, y = row % height;
            current.Read(Row(data, row, width), slots);
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

    // Label arrays hold fewer than 2³¹ voxels.
    private static ReadOnlySpan<uint> Row(uint[] data, int row, int width) => data.AsSpan(row * width, width);

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
