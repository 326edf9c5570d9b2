namespace SegMeasure.Core.Colocalization;

/// <summary>
/// Every setting of a per-region colocalization request, with the spec's defaults. Front ends
/// start from <c>new ColocalizationOptions()</c> and override what the user gave, so the defaults
/// live here only.
/// </summary>
public sealed record ColocalizationOptions
{
    /// <summary>Which metrics to compute; the others stay NaN so the columns never change. Default: all.</summary>
    public IReadOnlyList<ColocalizationMetric> Metrics { get; init; } = ColocalizationMetrics.All;

    /// <summary>How the Manders thresholds are found. Default: Costes.</summary>
    public ColocalizationThresholdMethod ThresholdMethod { get; init; } = ColocalizationThresholdMethod.Costes;

    /// <summary>Channel A's threshold, required by (and only used with) the manual method.</summary>
    public double? ThresholdA { get; init; }

    /// <summary>Channel B's threshold, required by (and only used with) the manual method.</summary>
    public double? ThresholdB { get; init; }

    /// <summary>Display name of the first channel of a pairwise run, written into <c>channel_a</c>.</summary>
    public string ChannelA { get; init; } = DefaultChannelA;

    /// <summary>Display name of the second channel of a pairwise run, written into <c>channel_b</c>.</summary>
    public string ChannelB { get; init; } = DefaultChannelB;

    /// <summary>
    /// Names of the channels of an all-to-all run, one per channel; null names them c0, c1, …
    /// </summary>
    public IReadOnlyList<string>? ChannelNames { get; init; }

    /// <summary>
    /// Analyse every plane along this image axis on its own (numpy order: (Y, X) or (Z, Y, X));
    /// null analyses the whole image or volume.
    /// </summary>
    public int? SliceAxis { get; init; }

    /// <summary>Costes' search: the most bisection steps (Coloc 2's default).</summary>
    public int CostesMaxIterations { get; init; } = 100;

    /// <summary>Costes' search stops once the bisection step falls below this many intensity units.</summary>
    public double CostesStopStep { get; init; } = 1.0;

    /// <summary>The spec's default names of a pair's channels.</summary>
    public const string DefaultChannelA = "A", DefaultChannelB = "B";

    /// <summary>Name of channel <paramref name="index"/> of an all-to-all run when none are given.</summary>
    public static string DefaultChannelName(int index) => $"c{index}";
}
