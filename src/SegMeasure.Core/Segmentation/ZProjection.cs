namespace SegMeasure.Core.Segmentation;

/// <summary>How a range of Z sections becomes one plane.</summary>
public enum ProjectionType
{
    Max,
    Min,
    Mean,
    Median,
    Sum,
    /// <summary>Population standard deviation (numpy's default, ddof = 0).</summary>
    Std,
}

/// <summary>Projects Z sections [first, last] of a Z,Y,X volume onto one plane, pixel by pixel.</summary>
internal static class ZProjection
{
    public static double[] Project(double[] volume, int depth, int plane, int first, int last, ProjectionType type)
    {
        if (first < 0 || last >= depth || first > last)
            throw new ArgumentOutOfRangeException(nameof(first), $"the Z range {first}-{last} is outside the image's {depth} sections (0-{depth - 1})");
        int count = last - first + 1;
        var result = new double[plane];
        var column = new double[count];
        for (int p = 0; p < plane; p++)
        {
            for (int z = 0; z < count; z++) column[z] = volume[(long)(first + z) * plane + p];
            result[p] = Reduce(column, type);
        }

        return result;
    }

    private static double Reduce(double[] values, ProjectionType type)
    {
        switch (type)
        {
            case ProjectionType.Max: return values.Max();
            case ProjectionType.Min: return values.Min();
            case ProjectionType.Sum: return values.Sum();
            case ProjectionType.Mean: return values.Sum() / values.Length;
            case ProjectionType.Median:
            {
                var sorted = (double[])values.Clone();
                Array.Sort(sorted);
                int mid = sorted.Length / 2;
                return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
            }
            case ProjectionType.Std:
            {
                double mean = values.Sum() / values.Length, squares = 0;
                foreach (var v in values) squares += (v - mean) * (v - mean);
                return Math.Sqrt(squares / values.Length);
            }
            default: throw new ArgumentOutOfRangeException(nameof(type), type, "unknown projection");
        }
    }
}
