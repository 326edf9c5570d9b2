namespace SegMeasure.Core.Colocalization;

/// <summary>The spec's <c>COLUMNS</c>: the order of every colocalization table.</summary>
internal static class ColocalizationColumns
{
    public static IReadOnlyList<string> Names { get; } =
    [
        "region", "slice", "channel_a", "channel_b", "n_pixels",
        "pcc", "pcc_pvalue", "srcc", "srcc_pvalue",
        "icq",
        "overlap", "k1", "k2",
        "m1", "m2", "threshold_a", "threshold_b",
    ];
}
