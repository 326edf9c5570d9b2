using System.Globalization;

namespace SegMeasure.Core.Postprocessing;

public enum AreaThresholdKind
{
    None,
    Median,
    HalfMedian,
    Percentile,
    Absolute,
}

/// <summary>
/// The shape filter's <c>min_area</c>: <c>median</c>, <c>median_div2</c> (half the median,
/// the default), a number from 0 to 100 (a percentile of the area distribution, linear
/// interpolation as numpy), a larger number (an absolute area), or none.
/// </summary>
public readonly record struct AreaThreshold(AreaThresholdKind Kind, double Value = 0)
{
    public static AreaThreshold None => new(AreaThresholdKind.None);
    public static AreaThreshold Median => new(AreaThresholdKind.Median);
    public static AreaThreshold HalfMedian => new(AreaThresholdKind.HalfMedian);

    public static AreaThreshold Percentile(double p) => new(AreaThresholdKind.Percentile, p);

    public static AreaThreshold Absolute(double area) => new(AreaThresholdKind.Absolute, area);

    /// <summary>A number is read as the definition reads it: 0–100 is a percentile, anything above an area.
    /// <c>&lt;n&gt;px</c> forces an absolute area of n (for areas of 100 or less).</summary>
    public static AreaThreshold Parse(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        if (t is "median") return Median;
        if (t is "median_div2") return HalfMedian;
        if (t is "none" or "") return None;
        if (t.EndsWith("px", StringComparison.Ordinal) &&
            double.TryParse(t[..^2], NumberStyles.Float, CultureInfo.InvariantCulture, out var px) && px >= 0)
            return Absolute(px);
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0 && double.IsFinite(v))
            return v <= 100 ? Percentile(v) : Absolute(v);
        throw new SegMeasureException("SegMeasure.InvalidArgument", ErrorKind.InvalidArgument,
            $"min area '{text}' is not one of median, median_div2, none, a percentile 0-100, an area above 100 or '<n>px'");
    }

    /// <summary>The area limit for this distribution of areas (NaN when there are no areas or no limit).</summary>
    public double Resolve(IReadOnlyList<double> areas) => Kind switch
    {
        AreaThresholdKind.None => double.NaN,
        AreaThresholdKind.Absolute => Value,
        AreaThresholdKind.Median => PercentileOf(areas, 50),
        AreaThresholdKind.HalfMedian => PercentileOf(areas, 50) / 2,
        _ => PercentileOf(areas, Value),
    };

    /// <summary>numpy's default percentile: linear interpolation between order statistics.</summary>
    internal static double PercentileOf(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.ToArray();
        Array.Sort(sorted);
        double rank = p / 100.0 * (sorted.Length - 1);
        int lo = (int)Math.Floor(rank);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        double frac = rank - lo;
        return sorted[lo] + (sorted[hi] - sorted[lo]) * frac;
    }

    public override string ToString() => Kind switch
    {
        AreaThresholdKind.None => "none",
        AreaThresholdKind.Median => "median",
        AreaThresholdKind.HalfMedian => "median_div2",
        AreaThresholdKind.Percentile => Value.ToString(CultureInfo.InvariantCulture),
        _ => Value.ToString(CultureInfo.InvariantCulture) + "px",
    };
}
