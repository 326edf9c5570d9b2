using SegMeasure.Core.Images;
using SegMeasure.Core.Postprocessing;

namespace SegMeasure.Core.Segmentation;

/// <summary>
/// Method 2, segmentation without trained weights: Gaussian smoothing, Otsu's global threshold,
/// the Euclidean distance to the background, one seed per distance peak (about one diameter
/// apart) and a seeded watershed of the negated distance inside the foreground (Beucher &amp;
/// Meyer 1993), then objects below min_size removed and ids made consecutive. Every step is
/// a scikit-image/scipy definition (tests/reference/segmentation) and equals it pixel for pixel.
/// </summary>
internal static class ClassicalSegmentation
{
    public static (uint[] Labels, double Threshold) Segment(double[] plane, int height, int width, ClassicalSegmentationOptions options, CancellationToken cancellationToken = default)
    {
        options.Validate();
        if (plane.Length != (long)height * width) throw new ArgumentException("the plane does not have height × width pixels");
        var smoothed = GaussianSmoothing.Apply(plane, height, width, options.Sigma);
        double threshold = OtsuThreshold.Of(smoothed);
        var foreground = new bool[plane.Length];
        var background = new uint[plane.Length];
        bool any = false;
        for (int i = 0; i < plane.Length; i++)
        {
            foreground[i] = smoothed[i] > threshold;
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

        var seeds = DistancePeakSeeds.Find(distance, foreground, height, width, options.Diameter);
        var flooded = Watershed.Apply(new LabelImage(seeds, shape), landscape, foreground, cancellationToken).Image.Data;
        return (RemoveSmallAndRenumber(flooded, options.MinSize), threshold);
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
