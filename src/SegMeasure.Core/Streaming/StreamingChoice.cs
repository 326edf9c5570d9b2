using SegMeasure.Core.Measurement.Engine;
using SegMeasure.Core.Postprocessing;
using SegMeasure.Core.Tiff;

namespace SegMeasure.Core.Streaming;

/// <summary>
/// Whether a file is measured band by band instead of read whole. 2D morphology always is (when the
/// file allows): it was measured faster that way (bench <c>large-image</c>: 0.74× the in-memory time at
/// 8192²), as decoding overlaps scanning and no whole image is allocated. 3D morphology (whose masks
/// take a second read), intensity and cell–nucleus measurement are when the in-memory path's working
/// set, estimated from the TIFF header, would exceed the memory limit: below it, reading whole is
/// faster for them, because the band-by-band intensity pass runs in raster order on one core (1.33×
/// the in-memory time at 8192²). Tests force either path. TIFFs are read by strips or tile rows,
/// OME-Zarr images by chunk rows; files that are not one channel of Z·Y·X voxels are read whole.
/// </summary>
internal static class StreamingChoice
{
    /// <summary>In-memory bytes per pixel of morphology: uint32 labels, the file's own samples while converting, kept runs.</summary>
    public const int MorphologyBytesPerPixel = 12;

    /// <summary>In-memory bytes per pixel of intensity measurement: labels and their runs (12), the samples
    /// twice — the channel and its copy grouped by label — at up to 4 bytes a sample.</summary>
    public const int IntensityBytesPerPixel = 20;

    /// <summary>In-memory bytes per pixel of cell–nucleus measurement: two label images with their runs and the samples twice.</summary>
    public const int CellNucleusBytesPerPixel = 32;

    /// <summary>
    /// The rows of <paramref name="path"/> when it is to be read band by band, else null. A file the
    /// header cannot be read from is left to the whole-image reader to report.
    /// </summary>
    public static ImageRows? Open(string path, Func<ImageRows, long> bytesPerPixel, WholeImageLimit limit, bool? forced) =>
        Open(path, rows => (double)rows.Shape.Length * bytesPerPixel(rows) > limit.MemoryLimitBytes, forced);

    /// <summary>The rows of <paramref name="path"/> when <paramref name="wanted"/> (or <paramref name="forced"/>) says so, else null.</summary>
    public static ImageRows? Open(string path, Func<ImageRows, bool> wanted, bool? forced)
    {
        if (forced == false) return null;
        ImageRows? rows;
        try
        {
            rows = Zarr.ZarrPaths.IsZarr(path) ? ZarrRows.TryOpen(path) : TiffRows.TryOpen(path);
        }
        catch (Exception e) when (e is SegMeasureException or IOException or UnauthorizedAccessException)
        {
            return null;
        }

        if (rows is null) return null;
        if (forced == true || wanted(rows)) return rows;
        rows.Dispose();
        return null;
    }

    /// <summary>The stripes of a pass over files: one per core unless a test forces small ones.</summary>
    public static BandLayout Bands(int stripeRows) => BandLayout.FromFile with { StripeRows = stripeRows };
}
