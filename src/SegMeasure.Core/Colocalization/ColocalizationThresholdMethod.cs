namespace SegMeasure.Core.Colocalization;

/// <summary>How the Manders thresholds are chosen (the spec's <c>threshold_method</c>).</summary>
public enum ColocalizationThresholdMethod
{
    /// <summary>Costes' iterative search along the orthogonal regression line (Costes et al. 2004); both channels at once.</summary>
    Costes,

    /// <summary>The caller's <c>threshold_a</c> and <c>threshold_b</c>, both required.</summary>
    Manual,

    /// <summary>scikit-image's <c>threshold_otsu</c> of each channel on its own.</summary>
    Otsu,

    /// <summary>scikit-image's <c>threshold_li</c> (minimum cross entropy) per channel.</summary>
    Li,

    /// <summary>scikit-image's <c>threshold_triangle</c> per channel.</summary>
    Triangle,

    /// <summary>scikit-image's <c>threshold_yen</c> per channel.</summary>
    Yen,

    /// <summary>The mean intensity of each channel.</summary>
    Mean,

    /// <summary>scikit-image's <c>threshold_isodata</c> (Ridler–Calvard) per channel.</summary>
    Isodata,
}

/// <summary>Spelling of threshold method names as the spec writes them.</summary>
public static class ColocalizationThresholdMethods
{
    public static string NameOf(ColocalizationThresholdMethod method) => method.ToString().ToLowerInvariant();

    /// <summary>The per-channel automatic methods (every method but costes and manual).</summary>
    public static IReadOnlyList<ColocalizationThresholdMethod> Automatic { get; } =
    [
        ColocalizationThresholdMethod.Otsu, ColocalizationThresholdMethod.Li, ColocalizationThresholdMethod.Triangle,
        ColocalizationThresholdMethod.Yen, ColocalizationThresholdMethod.Mean, ColocalizationThresholdMethod.Isodata,
    ];

    public static ColocalizationThresholdMethod Parse(string name)
    {
        foreach (var method in Enum.GetValues<ColocalizationThresholdMethod>())
            if (string.Equals(NameOf(method), name.Trim(), StringComparison.OrdinalIgnoreCase)) return method;
        throw new SegMeasureException("SegMeasure.UnknownThresholdMethod", ErrorKind.InvalidArgument,
            $"unknown threshold method '{name}'; known methods: {string.Join(", ", Enum.GetValues<ColocalizationThresholdMethod>().Select(NameOf))}");
    }
}
