namespace SegMeasure.Core.Segmentation;

/// <summary>Parameters of the weight-free classical method; the defaults every front end shows.</summary>
public sealed record ClassicalSegmentationOptions
{
    /// <summary>Gaussian smoothing sigma in pixels (0 = none).</summary>
    public double Sigma { get; init; } = 1.0;

    /// <summary>Expected object diameter in pixels: distance peaks closer than about this merge into one seed,
    /// and the local threshold's block spans <see cref="LocalBlockDiameters"/> of it.</summary>
    public double Diameter { get; init; } = 12;

    /// <summary>Objects of fewer pixels are removed.</summary>
    public int MinSize { get; init; } = 15;

    /// <summary>Local threshold (the default) or Otsu's global one.</summary>
    public ClassicalThreshold Threshold { get; init; } = ClassicalThreshold.Local;

    /// <summary>Side of the local threshold's block in diameters; the block is the odd number of pixels ⌊k·diameter⌋ | 1.</summary>
    public double LocalBlockDiameters { get; init; } = 3;

    /// <summary>With the local threshold, pixels must also exceed this fraction of Otsu's threshold, so flat background never becomes foreground.</summary>
    public double OtsuFraction { get; init; } = 0.6;

    /// <summary>Gaussian sigma (pixels) applied to the distance transform before its peaks are taken, so ragged outlines do not seed extra objects (0 = none).</summary>
    public double SeedSigma { get; init; } = 1.0;

    /// <summary>The local threshold's block size in pixels (odd, at least 3).</summary>
    public int LocalBlockSize => Math.Max(3, (int)(LocalBlockDiameters * Diameter) | 1);

    private static SegMeasureException Invalid(string message) => new("SegMeasure.InvalidArgument", ErrorKind.InvalidArgument, message);

    internal void Validate()
    {
        if (!(Sigma >= 0) || Sigma > 30) throw Invalid($"sigma must be between 0 and 30 pixels (got {Sigma})");
        if (!(Diameter >= 1) || double.IsInfinity(Diameter)) throw Invalid($"the diameter must be at least 1 pixel (got {Diameter})");
        if (MinSize < 0) throw Invalid($"min_size must be ≥ 0 (got {MinSize})");
        if (!Enum.IsDefined(Threshold)) throw Invalid($"unknown threshold {Threshold}");
        if (!(LocalBlockDiameters > 0) || LocalBlockDiameters > 100) throw Invalid($"the local block must be between 0 and 100 diameters (got {LocalBlockDiameters})");
        if (!(OtsuFraction >= 0) || OtsuFraction > 10) throw Invalid($"the fraction of Otsu's threshold must be between 0 and 10 (got {OtsuFraction})");
        if (!(SeedSigma >= 0) || SeedSigma > 30) throw Invalid($"the seed sigma must be between 0 and 30 pixels (got {SeedSigma})");
    }
}
