using SegMeasure.Core.Images;

namespace SegMeasure.Core.Colocalization;

/// <summary>Van Steensel's cross-correlation function: Pearson's coefficient at each shift of B, and its peak.</summary>
/// <param name="Shifts">−max_shift … +max_shift.</param>
/// <param name="Values">PCC at each shift (NaN where undefined).</param>
/// <param name="PeakShift">The shift of the largest finite value (the first of equal ones), or null when none is finite.</param>
/// <param name="PeakValue">That largest value, or NaN.</param>
public sealed record CrossCorrelationResult(IReadOnlyList<int> Shifts, IReadOnlyList<double> Values, int? PeakShift, double PeakValue);

/// <summary>
/// Van Steensel et al. (1996): B is shifted against A by every whole pixel offset in
/// [−maxShift, +maxShift] along one axis, wrapping around (numpy's <c>roll</c>), and Pearson's
/// coefficient computed at each. Colocalised channels peak at shift 0; excluded ones dip there.
/// </summary>
public static class CrossCorrelationFunction
{
    public const int DefaultMaxShift = 20;

    /// <summary>The last axis (X), as the spec's default <c>axis=-1</c>.</summary>
    public const int DefaultAxis = -1;

    /// <param name="a">Channel A.</param>
    /// <param name="b">Channel B, shifted.</param>
    /// <param name="mask">Region (non-zero) in which PCC is computed, or null for all pixels.</param>
    /// <param name="maxShift">Largest shift in each direction (at least 1).</param>
    /// <param name="axis">Axis of the shift in numpy order ((Y, X) or (Z, Y, X)); −1 is the last (X).</param>
    public static CrossCorrelationResult Compute(IntensityImage a, IntensityImage b, LabelImage? mask = null, int maxShift = DefaultMaxShift, int axis = DefaultAxis)
    {
        MaskedPixels.CheckShapes(a.Shape, b.Shape, mask);
        if (maxShift < 1)
            throw new SegMeasureException("SegMeasure.InvalidOption", ErrorKind.InvalidArgument, $"max_shift must be at least 1 (got {maxShift})");
        var shape = a.Shape;
        int dims = shape.Dimensions;
        int resolved = axis < 0 ? axis + dims : axis;
        if (resolved < 0 || resolved >= dims)
            throw new SegMeasureException("SegMeasure.InvalidAxis", ErrorKind.InvalidArgument, $"axis {axis} is out of range for a {dims}D image of shape {shape}");
        int zyx = shape.Is2D ? resolved + 1 : resolved;
        var valuesA = a.ChannelAsDouble(0);
        var valuesB = b.ChannelAsDouble(0);
        var shifted = new double[valuesB.Length];
        var shifts = Enumerable.Range(-maxShift, 2 * maxShift + 1).ToArray();
        var ccf = new double[shifts.Length];
        int extent = zyx switch { 0 => shape.Depth, 1 => shape.Height, _ => shape.Width };
        for (int k = 0; k < shifts.Length; k++)
        {
            Roll(valuesB, shifted, shape, zyx, ((shifts[k] % extent) + extent) % extent);
            ccf[k] = MaskedPixels.Pearson(valuesA, shifted, mask?.Data);
        }

        int? peak = null;
        for (int k = 0; k < ccf.Length; k++)
            if (double.IsFinite(ccf[k]) && (peak is null || ccf[k] > ccf[peak.Value])) peak = k;
        return new CrossCorrelationResult(shifts, ccf, peak is null ? null : shifts[peak.Value], peak is null ? double.NaN : ccf[peak.Value]);
    }

    /// <summary>result[i] = source[i − shift] along the axis, wrapping around.</summary>
    private static void Roll(double[] source, double[] result, ImageShape shape, int zyx, int shift)
    {
        int depth = shape.Depth, height = shape.Height, width = shape.Width;
        for (int z = 0; z < depth; z++)
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                {
                    int sz = z, sy = y, sx = x;
                    if (zyx == 0) sz = (z - shift + depth) % depth;
                    else if (zyx == 1) sy = (y - shift + height) % height;
                    else sx = (x - shift + width) % width;
                    result[((long)z * height + y) * width + x] = source[((long)sz * height + sy) * width + sx];
                }
    }
}
