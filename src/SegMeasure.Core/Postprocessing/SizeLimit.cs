namespace SegMeasure.Core.Postprocessing;

/// <summary>
/// The one rule for limits on a segment's size (or area): a size is a whole voxel count, but a
/// limit may be fractional (typed as 10.5, or derived from a physical area). A minimum keeps
/// sizes ≥ the limit and a maximum keeps sizes ≤ it, so in whole voxels a minimum rounds up and
/// a maximum rounds down. Every filter that takes a size limit goes through here.
/// </summary>
internal static class SizeLimit
{
    /// <summary>True when <paramref name="size"/> falls short of the minimum (no minimum: false).</summary>
    public static bool IsBelow(double size, double? minimum) => minimum is { } limit && size < limit;

    /// <summary>True when <paramref name="size"/> exceeds the maximum (no maximum: false).</summary>
    public static bool IsAbove(double size, double? maximum) => maximum is { } limit && size > limit;

    /// <summary>The smallest whole size a minimum keeps: ⌈limit⌉ (0 for a negative limit).</summary>
    public static long SmallestKept(double minimum) =>
        Checked(minimum, nameof(minimum)) >= long.MaxValue ? long.MaxValue : Math.Max(0, (long)Math.Ceiling(minimum));

    /// <summary>The largest whole size a maximum keeps: ⌊limit⌋ (−1, nothing, for a negative limit).</summary>
    public static long LargestKept(double maximum) =>
        Checked(maximum, nameof(maximum)) >= long.MaxValue ? long.MaxValue : Math.Max(-1, (long)Math.Floor(maximum));

    private static double Checked(double limit, string name) => double.IsNaN(limit)
        ? throw new SegMeasureException("SegMeasure.InvalidArgument", ErrorKind.InvalidArgument, $"the size limit ({name}) must be a number, got NaN")
        : limit;
}
