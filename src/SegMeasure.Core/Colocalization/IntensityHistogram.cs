using SegMeasure.Core.Analysis.Thresholds;

namespace SegMeasure.Core.Colocalization;

/// <summary>
/// The histogram scikit-image's threshold functions start from (<c>exposure.histogram</c> with
/// <c>source_range='image'</c>): integer samples get one bin per value from min to max; other
/// samples get 256 equal bins over their range (numpy's binning).
/// </summary>
internal sealed class IntensityHistogram
{
    /// <summary>Integer ranges wider than this fall back to equal bins rather than allocating a bin per value.</summary>
    private const long MaxIntegerBins = 1 << 24;

    private IntensityHistogram(double[] counts, double[] centers, bool unitBins)
    {
        Counts = counts;
        Centers = centers;
        UnitBins = unitBins;
    }

    public double[] Counts { get; }
    public double[] Centers { get; }

    /// <summary>True when every integer value has its own bin (the centres are integers).</summary>
    public bool UnitBins { get; }

    public int Length => Counts.Length;

    public static IntensityHistogram Of(ReadOnlySpan<double> values, bool integerSamples, int bins = 256)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (v < min) min = v;
            if (v > max) max = v;
        }

        if (integerSamples && max - min + 1 <= MaxIntegerBins)
        {
            int length = (int)(max - min) + 1;
            var counts = new double[length];
            foreach (var v in values) counts[(int)(v - min)]++;
            var centers = new double[length];
            for (int i = 0; i < length; i++) centers[i] = min + i;
            return new IntensityHistogram(counts, centers, unitBins: true);
        }

        var uniform = UniformHistogram.Of(values.ToArray(), bins);
        return new IntensityHistogram(uniform.Counts, uniform.Centers(), unitBins: false);
    }
}
