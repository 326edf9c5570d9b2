using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SegMeasure.Core.Analysis.Clustering;

/// <summary>
/// Points stored row-major in one array — the layout every clustering algorithm here walks — with
/// a vectorised squared Euclidean distance.
/// </summary>
internal sealed class PointSet
{
    public PointSet(double[] data, int count, int dimensions)
    {
        if (data.Length != (long)count * dimensions) throw new ArgumentException("data length is not count × dimensions", nameof(data));
        Data = data;
        Count = count;
        Dimensions = dimensions;
    }

    public static PointSet FromRows(IReadOnlyList<double[]> rows)
    {
        int d = rows.Count == 0 ? 0 : rows[0].Length;
        var data = new double[rows.Count * d];
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != d) throw new ArgumentException("rows differ in length", nameof(rows));
            rows[i].CopyTo(data, i * d);
        }

        return new PointSet(data, rows.Count, d);
    }

    public double[] Data { get; }
    public int Count { get; }
    public int Dimensions { get; }

    public ReadOnlySpan<double> this[int i] => new(Data, i * Dimensions, Dimensions);

    public double SquaredDistance(int i, int j) => SquaredDistance(this[i], this[j]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        int k = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<double>.Count)
        {
            var va = MemoryMarshal.Cast<double, Vector<double>>(a);
            var vb = MemoryMarshal.Cast<double, Vector<double>>(b);
            var acc = Vector<double>.Zero;
            for (int v = 0; v < va.Length; v++)
            {
                var diff = va[v] - vb[v];
                acc += diff * diff;
            }

            sum = Vector.Sum(acc);
            k = va.Length * Vector<double>.Count;
        }

        for (; k < a.Length; k++)
        {
            double diff = a[k] - b[k];
            sum += diff * diff;
        }

        return sum;
    }
}
