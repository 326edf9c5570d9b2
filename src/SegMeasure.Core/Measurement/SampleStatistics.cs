using System.Numerics;
using System.Runtime.CompilerServices;
using SegMeasure.Core.Measurement.Engine;

namespace SegMeasure.Core.Measurement;

/// <summary>
/// Summary statistics of one group of samples with numpy's definitions: population standard
/// deviation, percentiles by linear interpolation between order statistics (numpy's default
/// method), median as the mean of the two middle values. One NaN makes every statistic NaN,
/// as in numpy.
/// </summary>
internal readonly record struct SampleStatistics(
    long Count, double Sum, double Mean, double Median, double Max, double Min, double Std,
    double Percentile10, double Percentile25, double Percentile75, double Percentile90)
{
    public static SampleStatistics Empty { get; } = new(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);

    /// <summary>Statistics of <paramref name="values"/>; the span is scratch: it is reordered and may be overwritten.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static SampleStatistics Of<T>(Span<T> values) where T : unmanaged, INumber<T>
    {
        if (values.Length == 0) return Empty;
        if (typeof(T) == typeof(float) || typeof(T) == typeof(double))
        {
            foreach (var v in values)
                if (T.IsNaN(v)) return Empty with { Count = values.Length };
        }

        var (sum, min, max, std) = IsIntegerOf16BitsOrLess<T>() ? SmallIntegerMoments<T>(values) : Moments<T>(values);
        double mean = sum / values.Length;

        // Integer samples over a narrow range are ranked by counting in linear time; small groups
        // (many labels) gain most, since selecting a dozen ranks among a hundred samples is nearly
        // a full sort.
        Span<int> ranks = ReadRanks(values.Length, stackalloc int[12]);
        if (IsIntegerOf32BitsOrLess<T>() && CountingIsCheaper(max - min + 1, values.Length))
            PlaceByCounting(values, (long)min, (long)max, ranks);
        else
            OrderStatistics.Select(values, ranks);

        ReadOnlySpan<T> sorted = values; // sorted at every rank read below
        return new SampleStatistics(
            values.Length, sum, mean, MedianOf(sorted),
            double.CreateTruncating(sorted[^1]), double.CreateTruncating(sorted[0]),
            std,
            PercentileOf(sorted, 10), PercentileOf(sorted, 25), PercentileOf(sorted, 75), PercentileOf(sorted, 90));
    }

    /// <summary>Sum, extremes and population standard deviation, the deviation from the mean in a second pass.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double Sum, double Min, double Max, double Std) Moments<T>(ReadOnlySpan<T> values) where T : unmanaged, INumber<T>
    {
        double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in values)
        {
            double d = double.CreateTruncating(v);
            sum += d;
            if (d < min) min = d;
            if (d > max) max = d;
        }

        double mean = sum / values.Length;
        double squares = 0;
        foreach (var v in values)
        {
            double d = double.CreateTruncating(v) - mean;
            squares += d * d;
        }

        return (sum, min, max, Math.Sqrt(squares / values.Length));
    }

    /// <summary>
    /// The same for samples of 16 bits or less, in one pass of exact integer sums: n·Σx² − (Σx)² is
    /// n² times the variance without rounding, and the sum equals the floating-point one, whose
    /// partial sums are all exact below 2⁵³. Small groups (many labels) gain most.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double Sum, double Min, double Max, double Std) SmallIntegerMoments<T>(ReadOnlySpan<T> values) where T : unmanaged, INumber<T>
    {
        long sum = 0, squares = 0;
        int min = int.MaxValue, max = int.MinValue;
        foreach (var v in values)
        {
            int x = int.CreateTruncating(v);
            sum += x;
            squares += (long)x * x; // below 2³², so the sum stays below 2⁶³ for any group of < 2³¹ samples
            min = Math.Min(min, x);
            max = Math.Max(max, x);
        }

        long n = values.Length;
        Int128 scaled = (Int128)n * squares - (Int128)sum * sum;
        // Through long when it fits: exact, and much cheaper than converting 128 bits.
        double numerator = scaled <= long.MaxValue ? (long)scaled : (double)scaled;
        return (sum, min, max, Math.Sqrt(numerator / ((double)n * n)));
    }

    private static readonly double[] Quantiles = [10, 25, 75, 90];

    /// <summary>The ranks the statistics read (extremes, median, percentiles), sorted and distinct.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Span<int> ReadRanks(int n, Span<int> ranks)
    {
        int count = 0;
        ranks[count++] = 0;
        ranks[count++] = n - 1;
        ranks[count++] = n / 2;
        ranks[count++] = Math.Max(0, n / 2 - 1);
        foreach (var q in Quantiles)
        {
            int lower = (int)Math.Clamp(Math.Floor(VirtualIndex(n, q)), 0, n - 1);
            ranks[count++] = lower;
            ranks[count++] = Math.Min(lower + 1, n - 1);
        }

        var needed = ranks[..count];
        needed.Sort();
        int distinct = 0;
        for (int i = 0; i < needed.Length; i++)
            if (i == 0 || needed[i] != needed[i - 1]) needed[distinct++] = needed[i];
        return needed[..distinct];
    }

    /// <summary>Count tables up to this size (4 KiB) live on the stack.</summary>
    private const int StackCountLimit = 1024;

    /// <summary>Above this many distinct values the count table itself would cost more than it saves.</summary>
    private const int CountingRangeLimit = 1 << 16;

    /// <summary>Counting costs about range + n steps; comparison selection about n·log2(n).</summary>
    private static bool CountingIsCheaper(double range, int n) =>
        range <= n || range <= Math.Min(CountingRangeLimit, n * Math.Log2(n));

    private static bool IsIntegerOf16BitsOrLess<T>() =>
        typeof(T) == typeof(byte) || typeof(T) == typeof(sbyte) || typeof(T) == typeof(ushort) || typeof(T) == typeof(short);

    private static bool IsIntegerOf32BitsOrLess<T>() =>
        typeof(T) == typeof(byte) || typeof(T) == typeof(sbyte) || typeof(T) == typeof(ushort) ||
        typeof(T) == typeof(short) || typeof(T) == typeof(uint) || typeof(T) == typeof(int);

    /// <summary>
    /// Counts the samples per value and writes the value of each requested rank at that rank. Only
    /// those positions are read afterwards; writing them alone keeps the walk over the value range
    /// free of data-dependent branches, which dominate for small groups.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PlaceByCounting<T>(Span<T> values, long min, long max, ReadOnlySpan<int> ranks) where T : unmanaged, INumber<T>
    {
        int range = (int)(max - min + 1);
        // Small tables live on the stack: renting one per group would cost as much as the counting.
        int[]? rented = range <= StackCountLimit ? null : System.Buffers.ArrayPool<int>.Shared.Rent(range);
        Span<int> counts = rented is null ? stackalloc int[range] : rented.AsSpan(0, range);
        if (rented is not null) counts.Clear();
        foreach (var v in values) counts[(int)(long.CreateTruncating(v) - min)]++;
        int r = 0;
        long atOrBelow = 0; // samples with a value ≤ min + k
        for (int k = 0; k < range && r < ranks.Length; k++)
        {
            atOrBelow += counts[k];
            while (r < ranks.Length && ranks[r] < atOrBelow) values[ranks[r++]] = T.CreateTruncating(min + k);
        }

        if (rented is not null) System.Buffers.ArrayPool<int>.Shared.Return(rented);
    }

    private static double VirtualIndex(int n, double q) => (n - 1) * (q / 100.0);

    /// <summary>numpy.median: the middle value, or the mean of the two middle values.</summary>
    public static double MedianOf<T>(ReadOnlySpan<T> sorted) where T : unmanaged, INumber<T>
    {
        int n = sorted.Length;
        if (n % 2 == 1) return double.CreateTruncating(sorted[n / 2]);
        return (double.CreateTruncating(sorted[n / 2 - 1]) + double.CreateTruncating(sorted[n / 2])) / 2.0;
    }

    /// <summary>numpy.percentile with the default 'linear' method; reads ranks floor(i) and floor(i) + 1 of sorted samples.</summary>
    public static double PercentileOf<T>(ReadOnlySpan<T> sorted, double q) where T : unmanaged, INumber<T>
    {
        int n = sorted.Length;
        // numpy's virtual index for the linear method, evaluated the same way.
        double virtualIndex = VirtualIndex(n, q);
        double lowerIndex = Math.Floor(virtualIndex);
        if (lowerIndex < 0) return double.CreateTruncating(sorted[0]);
        if (lowerIndex >= n - 1) return double.CreateTruncating(sorted[n - 1]);
        double t = virtualIndex - lowerIndex;
        double a = double.CreateTruncating(sorted[(int)lowerIndex]);
        double b = double.CreateTruncating(sorted[(int)lowerIndex + 1]);
        return Lerp(a, b, t);
    }

    /// <summary>Linear interpolation written as numpy writes it, so results agree to the last bit.</summary>
    private static double Lerp(double a, double b, double t)
    {
        double diff = b - a;
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }
}
