using SegMeasure.Core.Measurement.Engine;
using SegMeasure.Core.Postprocessing;
using SegMeasure.Core.Tiff;

namespace SegMeasure.Core.Streaming;

/// <summary>
/// Whether a file is measured band by band instead of read whole: when the in-memory path's working
/// set (estimated from the TIFF header at <paramref name="bytesPerPixel"/>) would exceed the memory
/// limit, or always when forced (tests). Reading whole stays the default below the limit because it
/// decodes all bands at once on every core and its intensity gather runs in parallel; band by band, the
/// intensity pass runs in raster order on one core (see bench/README.md for the ratio). Files that are
/// not a plain stack of single-channel planes, and Zarr stores, are read whole.
/// </summary>
internal static class StreamingChoice
{
    /// <summary>In-memory bytes per pixel of morphology: uint32 labels, the file's own samples while converting, kept runs.</summary>
    public const int MorphologyBytesPerPixel = 12;

    /// <summary>In-memory bytes per pixel of label-only state in intensity and cell–nucleus measurement (labels, runs).</summary>
    public const int LabelBytesPerPixel = 12;

    /// <summary>
    /// The rows of <paramref name="path"/> when it is to be read band by band, else null. A file the
    /// header cannot be read from is left to the whole-image reader to report.
    /// </summary>
    public static TiffRows? Open(string path, Func<TiffRows, long> bytesPerPixel, WholeImageLimit limit, bool? forced)
    {
        if (forced == false || Zarr.ZarrPaths.IsZarr(path)) return null;
        TiffRows? rows;
        try
        {
            rows = TiffRows.TryOpen(path);
        }
        catch (Exception e) when (e is SegMeasureException or IOException or UnauthorizedAccessException)
        {
            return null;
        }

        if (rows is null) return null;
        if (forced == true || (double)rows.Shape.Length * bytesPerPixel(rows) > limit.MemoryLimitBytes) return rows;
        rows.Dispose();
        return null;
    }

    /// <summary>The stripes of a pass over files: one per core unless a test forces small ones.</summary>
    public static BandLayout Bands(int stripeRows) => BandLayout.FromFile with { StripeRows = stripeRows };
}
