using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Postprocessing;

/// <summary>
/// What a filter removed: one table row per rejected segment (with the reason or reasons and
/// the values that decided it) and, per reason, how many segments it rejected. A segment
/// rejected for several reasons counts once under each.
/// </summary>
public sealed record FilterReport(MeasurementTable Rejections, IReadOnlyList<KeyValuePair<string, int>> CountsByReason)
{
    public int RejectedCount => Rejections.RowCount;

    public int CountFor(string reason)
    {
        foreach (var pair in CountsByReason)
            if (pair.Key == reason) return pair.Value;
        return 0;
    }

    internal static IReadOnlyList<KeyValuePair<string, int>> Count(IEnumerable<IEnumerable<string>> reasonsPerRow, IEnumerable<string> order)
    {
        var counts = order.ToDictionary(r => r, _ => 0, StringComparer.Ordinal);
        foreach (var reasons in reasonsPerRow)
        foreach (var r in reasons)
            counts[r] = counts.TryGetValue(r, out var n) ? n + 1 : 1;
        return counts.Where(p => p.Value > 0).ToList();
    }
}
