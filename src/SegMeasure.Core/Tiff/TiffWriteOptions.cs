using SegMeasure.Core.Images;

namespace SegMeasure.Core.Tiff;

/// <summary>How a TIFF is written. Defaults: Deflate, smallest unsigned type that holds the largest label, no overwrite.</summary>
public sealed record TiffWriteOptions
{
    public bool Overwrite { get; init; }
    public TiffCompression Compression { get; init; } = TiffCompression.Deflate;

    /// <summary>Sample type for label images; null chooses the smallest unsigned type that holds the largest label.
    /// Post-processing passes the input's type so outputs keep it.</summary>
    public PixelType? LabelType { get; init; }

    /// <summary>For outputs written as OME-Zarr (a path ending in .zarr, or IMAGE.zarr/labels/NAME): 2 (OME-Zarr 0.4) or 3 (0.5).
    /// Null writes labels beside an image in that image's version (a store must not mix them) and a standalone store in
    /// <see cref="DefaultZarrVersion"/>.</summary>
    public int? ZarrVersion { get; init; }

    /// <summary>Zarr v2 / OME-Zarr 0.4: the version most readers understand today.</summary>
    public const int DefaultZarrVersion = 2;
}
