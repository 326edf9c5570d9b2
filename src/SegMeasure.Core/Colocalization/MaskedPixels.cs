using SegMeasure.Core.Images;

namespace SegMeasure.Core.Colocalization;

/// <summary>Checks shared by the diagnostics: same shapes, and an optional region mask (non-zero = inside).</summary>
internal static class MaskedPixels
{
    public static void CheckShapes(ImageShape a, ImageShape b, LabelImage? mask)
    {
        if (a != b) throw new ShapeMismatchException($"image A has shape {a} but image B has shape {b}; they must match");
        if (mask is not null && mask.Shape != a)
            throw new ShapeMismatchException($"the mask has shape {mask.Shape} but the images have shape {a}; they must match");
    }

    /// <summary>Pearson's coefficient of the pixel pairs inside the mask (all pixels without one); NaN when undefined.</summary>
    /// <summary>The first channel of both images at the pixels inside the mask (all pixels without one), and their sums.</summary>
    public static (List<double> A, List<double> B, RegionSums Sums) Gather(IntensityImage a, IntensityImage b, LabelImage? mask)
    {
        var va = a.ChannelAsDouble(0);
        var vb = b.ChannelAsDouble(0);
        var inA = new List<double>();
        var inB = new List<double>();
        var sums = new RegionSums();
        for (int i = 0; i < va.Length; i++)
        {
            if (mask is not null && mask.Data[i] == 0) continue;
            inA.Add(va[i]);
            inB.Add(vb[i]);
            sums.Add(va[i], vb[i]);
        }

        return (inA, inB, sums);
    }

    public static double Pearson(double[] a, double[] b, uint[]? mask)
    {
        var sums = new RegionSums();
        for (int i = 0; i < a.Length; i++)
            if (mask is null || mask[i] != 0) sums.Add(a[i], b[i]);
        if (sums.Degenerate) return double.NaN;
        if (sums.Count == 2) return Math.Sign(sums.CentredAB);
        return SampleCorrelation.FromCentredSums(sums.CentredAA, sums.CentredBB, sums.CentredAB);
    }
}
