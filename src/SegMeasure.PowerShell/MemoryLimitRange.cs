namespace SegMeasure.PowerShell;

/// <summary>
/// The range -MemoryLimitGB accepts, for the attribute every cmdlet with that parameter carries. The
/// core's rule is "a positive number of GB"; the bounds only keep PowerShell from binding zero,
/// negatives and absurd values, and a tiny limit is how a user forces the band-by-band path.
/// </summary>
internal static class MemoryLimitRange
{
    public const double SmallestGB = 1e-9;
    public const double LargestGB = 1e6;
}
