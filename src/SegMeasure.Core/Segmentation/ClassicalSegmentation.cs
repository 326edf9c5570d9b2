using SegMeasure.Core.Images;
using SegMeasure.Core.Postprocessing;

namespace SegMeasure.Core.Segmentation;

/// <summary>
/// Method 2, segmentation without trained weights: Gaussian smoothing; a foreground from a local
/// threshold (above the Gaussian-weighted mean of a block of about three diameters and above a
/// fraction of Otsu's threshold, holes filled) or from Otsu's global threshold; the Euclidean
/// distance to the background; one seed per peak of the lightly smoothed distance (about one
/// diameter apart); a seeded watershed of the negated distance inside the foreground (Beucher
/// &amp; Meyer 1993); objects below min_size removed and ids made consecutive. Every step is a
/// scikit-image/scipy definition (tests/reference/segmentation) and equals it pixel for pixel.
/// </summary>
internal static class ClassicalSegmentation
{
    public static (uint[] Labels, double Threshold) Segment(double[] plane, int height, int width, ClassicalSegmentationOptions options, CancellationToken cancellationToken = default)
    {
        options.Validate();
        if (plane.Length != (long)height * width) throw new ArgumentException("the plane does not have height × width pixels");
        var smoothed = GaussianSmoothing.Apply(plane, height, width, options.Sigma);
        double threshold = OtsuThreshold.Of(smoothed);
        var foreground = Foreground(smoothed, height, width, threshold, options);
        var background = new uint[plane.Length];
        bool any = false;
        for (int i = 0; i < plane.Length; i++)
        {
            background[i] = foreground[i] ? 0u : 1u;
            any |= foreground[i];
        }

        if (!any) return (new uint[plane.Length], threshold);
        cancellationToken.ThrowIfCancellationRequested();
        var shape = ImageShape.Of2D(height, width);
        var squared = EuclideanFeatureTransform.Compute(background, shape, VoxelSize.Uncalibrated, cancellationToken).SquaredDistance;
        var distance = new double[plane.Length];
        var landscape = new double[plane.Length];
        for (int i = 0; i < plane.Length; i++)
        {
            // With no background at all every distance is infinite; scipy then measures to the border — treat as flat.
            distance[i] = double.IsPositiveInfinity(squared[i]) ? 0 : Math.Sqrt(squared[i]);
            landscape[i] = -distance[i];
        }

        var peaks = options.SeedSigma > 0 ? GaussianSmoothing.Apply(distance, height, width, options.SeedSigma) : distance;
        var seeds = DistancePeakSeeds.Find(peaks, foreground, height, width, options.Diameter);
        var flooded = Watershed.Apply(new LabelImage(seeds, shape), landscape, foreground, cancellationToken).Image.Data;
        return (RemoveSmallAndRenumber(flooded, options.MinSize), threshold);
    }

    /// <summary>Pixels above the threshold; for the local threshold, <c>threshold_local(smoothed, block, "gaussian", mode="nearest")</c>
    /// (a Gaussian of σ = (block − 1)/6) and a fraction of Otsu's, then <c>binary_fill_holes</c>.</summary>
    private static bool[] Foreground(double[] smoothed, int height, int width, double otsu, ClassicalSegmentationOptions options)
    {
        var foreground = new bool[smoothed.Length];
        if (options.Threshold == ClassicalThreshold.Otsu)
        {
            for (int i = 0; i < smoothed.Length; i++) foreground[i] = smoothed[i] > otsu;
            return foreground;
        }

        var local = GaussianSmoothing.Apply(smoothed, height, width, (options.LocalBlockSize - 1) / 6.0);
        double floor = options.OtsuFraction * otsu;
        for (int i = 0; i < smoothed.Length; i++) foreground[i] = smoothed[i] > local[i] && smoothed[i] > floor;
        return BinaryHoleFilling.Fill(foreground, height, width);
    }

    private static uint[] RemoveSmallAndRenumber(uint[] labels, int minSize)
    {
        uint max = 0;
        foreach (var l in labels) if (l > max) max = l;
        var sizes = new long[max + 1];
        foreach (var l in labels) sizes[l]++;
        var newId = new uint[max + 1];
        uint next = 0;
        for (uint l = 1; l <= max; l++)
            if (sizes[l] >= minSize && sizes[l] > 0) newId[l] = ++next;
        var result = new uint[labels.Length];
        for (int i = 0; i < labels.Length; i++) result[i] = newId[labels[i]];
        return result;
    }
}
