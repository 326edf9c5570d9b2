namespace SegMeasure.Core.Colocalization;

/// <summary>
/// Everything one pass over a region's pixel pairs (a, b) needs to keep for Pearson, the
/// overlap coefficients and the orthogonal regression: raw sums (overlap, means) and sums of
/// deviations from the region's first pixel, which keep variances accurate when a region's
/// intensities are large compared with their spread.
/// </summary>
internal struct RegionSums
{
    public long Count;
    public double ShiftA, ShiftB;
    public double SumA, SumB, SumAA, SumBB, SumAB;
    public double DevA, DevB, DevAA, DevBB, DevAB;
    public double MinA, MaxA, MinB, MaxB;

    public void Add(double a, double b)
    {
        if (Count == 0)
        {
            ShiftA = a;
            ShiftB = b;
            MinA = MaxA = a;
            MinB = MaxB = b;
        }

        Count++;
        SumA += a;
        SumB += b;
        SumAA += a * a;
        SumBB += b * b;
        SumAB += a * b;
        double da = a - ShiftA, db = b - ShiftB;
        DevA += da;
        DevB += db;
        DevAA += da * da;
        DevBB += db * db;
        DevAB += da * db;
        if (a < MinA) MinA = a;
        if (a > MaxA) MaxA = a;
        if (b < MinB) MinB = b;
        if (b > MaxB) MaxB = b;
    }

    public readonly double MeanA => SumA / Count;
    public readonly double MeanB => SumB / Count;

    /// <summary>Σ(a − mean a)², from the shifted sums.</summary>
    public readonly double CentredAA => Math.Max(0, DevAA - DevA * DevA / Count);

    public readonly double CentredBB => Math.Max(0, DevBB - DevB * DevB / Count);

    public readonly double CentredAB => DevAB - DevA * DevB / Count;

    public readonly bool ConstantA => MinA == MaxA;
    public readonly bool ConstantB => MinB == MaxB;

    /// <summary>PCC is undefined for fewer than two pixels or a constant channel (spec: <c>pearson</c>).</summary>
    public readonly bool Degenerate => Count < 2 || ConstantA || ConstantB;
}
