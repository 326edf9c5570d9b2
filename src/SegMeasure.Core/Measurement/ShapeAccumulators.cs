using SegMeasure.Core.Images;

namespace SegMeasure.Core.Measurement;

/// <summary>
/// Per-label state gathered in one pass over a label image: voxel count, exact integer sums of
/// coordinates and their products (for centroids and the inertia tensor), bounding box and, in
/// 2D, the histogram of 2×2 boundary configurations (perimeter, Euler number). Every stripe
/// fills its own instance; <see cref="Add"/> merges them.
/// </summary>
internal sealed class ShapeAccumulators
{
    // Moment layout per slot: n, Σz, Σy, Σx, Σzz, Σyy, Σxx, Σzy, Σzx, Σyx.
    public const int MomentStride = 10;
    public const int Configurations = 16;

    public ShapeAccumulators(int slots, bool withConfigurations)
    {
        Moments = new long[(long)slots * MomentStride];
        BoxMin = new int[slots * 3];
        BoxMax = new int[slots * 3];
        Array.Fill(BoxMin, int.MaxValue);
        Array.Fill(BoxMax, -1);
        if (withConfigurations) Configuration = new int[(long)slots * Configurations];
    }

    public long[] Moments { get; }
    public int[] BoxMin { get; }   // z, y, x
    public int[] BoxMax { get; }   // inclusive
    /// <summary>Counts of the 16 window configurations per slot; 32 bits hold any 2D image below 2^31 pixels
    /// and keep the table small (it is hit at random along boundaries).</summary>
    public int[]? Configuration { get; }

    public long Count(int slot) => Moments[(long)slot * MomentStride];

    public void Add(ShapeAccumulators other)
    {
        for (long i = 0; i < Moments.LongLength; i++) Moments[i] += other.Moments[i];
        for (int i = 0; i < BoxMin.Length; i++)
        {
            BoxMin[i] = Math.Min(BoxMin[i], other.BoxMin[i]);
            BoxMax[i] = Math.Max(BoxMax[i], other.BoxMax[i]);
        }

        if (Configuration is not null)
            for (long i = 0; i < Configuration.LongLength; i++) Configuration[i] += other.Configuration![i];
    }

    /// <summary>One parallel pass over <paramref name="labels"/>.</summary>
    public static ShapeAccumulators Collect(LabelImage labels, LabelSlots slots, CancellationToken ct)
    {
        var shape = labels.Shape;
        EnsureExactSums(shape);
        var stripes = Stripes.Split(shape.Depth * shape.Height);
        var parts = new ShapeAccumulators[stripes.Length];
        Stripes.Run(stripes, ct, s =>
        {
            var acc = new ShapeAccumulators(slots.Count, shape.Is2D);
            acc.Scan(labels, slots, s);
            parts[s.Index] = acc;
        });
        for (int i = 1; i < parts.Length; i++) parts[0].Add(parts[i]);
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

    private void Scan(LabelImage labels, LabelSlots slots, Stripe stripe)
    {
        var data = labels.Data;
        var shape = labels.Shape;
        int width = shape.Width, height = shape.Height;
        // Slot rows padded by one zero on each side; value = slot + 1, 0 = background.
        var previous = new int[width + 2];
        var current = new int[width + 2];
        if (Configuration is not null && stripe.FirstRow > 0) FillSlotRow(data, (long)(stripe.FirstRow - 1) * width, width, slots, previous);

        for (int row = stripe.FirstRow; row < stripe.EndRow; row++)
        {
            int z = row / height, y = row % height;
            FillSlotRow(data, (long)row * width, width, slots, current);
            AccumulateRuns(current, width, z, y);
            if (Configuration is not null)
            {
                AccumulateWindows(previous, current, width);
                (previous, current) = (current, previous);
            }
        }

        // The windows below the last row see it above and padding below.
        if (Configuration is not null && stripe.EndRow == height)
        {
            Array.Clear(current);
            AccumulateWindows(previous, current, width);
        }
    }

    private static void FillSlotRow(uint[] data, long start, int width, LabelSlots slots, int[] row)
    {
        uint lastId = 0;
        int lastValue = 0;
        for (int x = 0; x < width; x++)
        {
            uint id = data[start + x];
            if (id != lastId)
            {
                lastId = id;
                lastValue = slots.SlotOf(id) + 1;
            }

            row[x + 1] = lastValue;
        }
    }

    private void AccumulateRuns(int[] row, int width, long z, long y)
    {
        int x = 0;
        while (x < width)
        {
            int value = row[x + 1];
            int start = x;
            x++;
            while (x < width && row[x + 1] == value) x++;
            if (value == 0) continue;
            int slot = value - 1;
            long n = x - start;
            long first = start, last = x - 1;
            long sumX = (first + last) * n / 2;
            long sumXX = SumOfSquares(last) - SumOfSquares(first - 1);
            var m = Moments.AsSpan((int)((long)slot * MomentStride), MomentStride);
            m[0] += n;
            m[1] += z * n;
            m[2] += y * n;
            m[3] += sumX;
            m[4] += z * z * n;
            m[5] += y * y * n;
            m[6] += sumXX;
            m[7] += z * y * n;
            m[8] += z * sumX;
            m[9] += y * sumX;
            int b = slot * 3;
            if (z < BoxMin[b]) BoxMin[b] = (int)z;
            if (z > BoxMax[b]) BoxMax[b] = (int)z;
            if (y < BoxMin[b + 1]) BoxMin[b + 1] = (int)y;
            if (y > BoxMax[b + 1]) BoxMax[b + 1] = (int)y;
            if (first < BoxMin[b + 2]) BoxMin[b + 2] = (int)first;
            if (last > BoxMax[b + 2]) BoxMax[b + 2] = (int)last;
        }
    }

    private static long SumOfSquares(long k) => k < 0 ? 0 : k * (k + 1) * (2 * k + 1) / 6;

    /// <summary>
    /// Windows whose bottom-right pixel is on the current row, for x = 0..width (the padding
    /// supplies the outside). Uniform windows carry no boundary and are skipped.
    /// </summary>
    private void AccumulateWindows(int[] above, int[] below, int width)
    {
        var cfg = Configuration!;
        for (int x = 0; x <= width; x++)
        {
            int tl = above[x], tr = above[x + 1], bl = below[x], br = below[x + 1];
            if (tl == tr && bl == br && tl == bl) continue;
            if (br != 0) cfg[(long)(br - 1) * Configurations + Code(br, tl, tr, bl, br)]++;
            if (tr != 0 && tr != br) cfg[(long)(tr - 1) * Configurations + Code(tr, tl, tr, bl, br)]++;
            if (bl != 0 && bl != br && bl != tr) cfg[(long)(bl - 1) * Configurations + Code(bl, tl, tr, bl, br)]++;
            if (tl != 0 && tl != br && tl != tr && tl != bl) cfg[(long)(tl - 1) * Configurations + Code(tl, tl, tr, bl, br)]++;
        }
    }

    private static int Code(int label, int tl, int tr, int bl, int br) =>
        (br == label ? 1 : 0) | (tr == label ? 2 : 0) | (bl == label ? 4 : 0) | (tl == label ? 8 : 0);
}
