namespace SegMeasure.Core.Segmentation;

/// <summary>How the classical method tells foreground from background.</summary>
public enum ClassicalThreshold
{
    /// <summary>
    /// Above the Gaussian-weighted local mean of a block of about three diameters
    /// (<c>skimage.filters.threshold_local(method="gaussian")</c>) and above a fraction of Otsu's
    /// threshold, holes filled: dim objects on an uneven background are kept.
    /// </summary>
    Local,

    /// <summary>Above Otsu's global threshold (<c>skimage.filters.threshold_otsu</c>): for an even background.</summary>
    Otsu,
}
