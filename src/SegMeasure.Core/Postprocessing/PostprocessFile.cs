using SegMeasure.Core.Images;
using SegMeasure.Core.Measurement;
using SegMeasure.Core.Streaming;
using SegMeasure.Core.Tables;
using SegMeasure.Core.Tiff;

namespace SegMeasure.Core.Postprocessing;

/// <summary>What one post-processing run did to one file; <see cref="Report"/> is set by the filters.</summary>
public sealed record PostprocessFileResult(
    string InputPath,
    string OutputPath,
    int SegmentsBefore,
    int SegmentsAfter,
    FilterReport? Report = null,
    string? SecondInputPath = null,
    string? SecondOutputPath = null,
    MeasurementTable? Matches = null);

/// <summary>
/// The file-to-file form of each post-processing operation, shared by the command line and the
/// cmdlets: read the input, transform it, write the output in the input's label type (through
/// <see cref="OutputFile"/>, never over the input). <see cref="TiffWriteOptions"/> says whether an
/// existing output may be replaced (otherwise it is refused before any work) and, for an OME-Zarr
/// output, which Zarr version is written.
/// </summary>
public static class PostprocessFile
{
    /// <summary>Removes segments smaller than <paramref name="minSize"/> voxels (a fractional minimum, see <see cref="SizeLimit"/>).</summary>
    /// A TIFF whose in-memory working set would exceed <paramref name="limit"/> (default <see cref="WholeImageLimit.Default"/>)
    /// is filtered band by band into the output, with the same pixels.
    public static PostprocessFileResult FilterSmallSegments(string input, string output, double minSize, TiffWriteOptions write, CancellationToken cancellationToken = default,
        WholeImageLimit? limit = null) =>
        FilterSmallSegments(input, output, minSize, write, cancellationToken, limit, streaming: null, stripeRows: 0);

    internal static PostprocessFileResult FilterSmallSegments(string input, string output, double minSize, TiffWriteOptions write, CancellationToken cancellationToken,
        WholeImageLimit? limit, bool? streaming, int stripeRows)
    {
        long smallestKept = SizeLimit.SmallestKept(minSize);
        return Streamed(input, output, write, SmallSegmentFilterBytesPerPixel, limit, streaming, (rows, options) =>
                   StreamedPostprocessing.FilterSmallSegments(rows, output, smallestKept, options, StreamingChoice.Bands(stripeRows), cancellationToken))
               ?? Transform(input, output, write, labels => SmallSegmentFilter.Apply(labels, smallestKept, cancellationToken), cancellationToken);
    }

    /// <summary>In-memory bytes per pixel of the local steps: labels in and out and the file's own samples (and the ring mask's step marks).</summary>
    private const int SmallSegmentFilterBytesPerPixel = 12, RingMaskBytesPerPixel = 20;

    /// <summary>
    /// The band-by-band form of a local step when the input is a plain TIFF, the output a TIFF, and the
    /// in-memory form would exceed the limit (or a test forces it); null otherwise.
    /// </summary>
    private static PostprocessFileResult? Streamed(string input, string output, TiffWriteOptions write, int bytesPerPixel, WholeImageLimit? limit, bool? streaming,
        Func<ImageRows, TiffWriteOptions, (int Before, int After)> step)
    {
        if (Zarr.OmeZarrWriter.IsZarrOutput(output)) return null;
        long bytes = (limit ?? WholeImageLimit.Default).MemoryLimitBytes;
        using var rows = StreamingChoice.Open(input, r => (double)r.Shape.Length * bytesPerPixel > bytes, streaming);
        if (rows is null) return null;
        OutputFile.RefuseExisting(write.Overwrite, output);
        OutputFile.RefuseInput(output, [input], "the input file");
        try
        {
            var (before, after) = step(rows, write);
            return new PostprocessFileResult(input, output, before, after);
        }
        catch (SegMeasureException e) when (e.Path is null)
        {
            throw new SegMeasureException(e.ErrorId, e.Kind, $"{input}: {e.Message}", input, e);
        }
    }

    /// <summary>Fills holes of at most <paramref name="maxHoleSize"/> voxels (a fractional maximum, see <see cref="SizeLimit"/>).
    /// A whole-image step: an image over <paramref name="limit"/> (default <see cref="WholeImageLimit.Default"/>) is refused before it is read.</summary>
    public static PostprocessFileResult RemoveSmallHoles(string input, string output, double maxHoleSize, TiffWriteOptions write, CancellationToken cancellationToken = default, WholeImageLimit? limit = null)
    {
        (limit ?? WholeImageLimit.Default).Check(input, "hole filling", WholeImageLimit.HoleFillingBytesPerPixel);
        return Transform(input, output, write, labels => HoleFilling.Apply(labels, SizeLimit.LargestKept(maxHoleSize), cancellationToken), cancellationToken);
    }

    /// <summary>City-block rings of <paramref name="ringWidth"/> voxels, or, with <paramref name="nearestDistance"/>,
    /// rings by nearest segment within that physical distance (voxel size from the file unless a <paramref name="scale"/>
    /// is given: one number, (Y, X) or (Z, Y, X)).</summary>
    /// <remarks>City-block rings of a TIFF whose in-memory working set would exceed <paramref name="limit"/> are computed band by band
    /// (each band with the ring width of rows, or planes, around it) into the output, with the same pixels.</remarks>
    public static PostprocessFileResult RingMask(string input, string output, int? ringWidth, bool keepOriginal, TiffWriteOptions write,
        double? nearestDistance = null, IReadOnlyList<double>? scale = null, CancellationToken cancellationToken = default, WholeImageLimit? limit = null) =>
        RingMask(input, output, ringWidth, keepOriginal, write, nearestDistance, scale, cancellationToken, limit, streaming: null, stripeRows: 0);

    internal static PostprocessFileResult RingMask(string input, string output, int? ringWidth, bool keepOriginal, TiffWriteOptions write,
        double? nearestDistance, IReadOnlyList<double>? scale, CancellationToken cancellationToken, WholeImageLimit? limit, bool? streaming, int stripeRows)
    {
        if (ringWidth is null == nearestDistance is null)
            throw new SegMeasureException("SegMeasure.InvalidArgument", ErrorKind.InvalidArgument, "give exactly one of a ring width and a nearest-segment distance");
        if (ringWidth is { } width and >= 1) // a bad width is reported by the in-memory step, naming the file
        {
            if (Streamed(input, output, write, RingMaskBytesPerPixel, limit, streaming, (rows, options) =>
                    StreamedPostprocessing.RingMask(rows, output, width, keepOriginal, options, StreamingChoice.Bands(stripeRows), cancellationToken)) is { } streamed)
                return streamed;
        }

        return Transform(input, output, write, labels => nearestDistance is { } d
            ? Postprocessing.RingMask.ApplyNearest(scale is { Count: > 0 } ? labels.WithVoxelSize(VoxelSize.FromScale(scale, labels.Shape.Is2D)) : labels, d, keepOriginal, cancellationToken)
            : Postprocessing.RingMask.Apply(labels, ringWidth!.Value, keepOriginal, cancellationToken), cancellationToken);
    }

    /// <summary>Seeded watershed of <paramref name="input"/> over <paramref name="heatmap"/>. A whole-image step: an
    /// image over <paramref name="limit"/> (default <see cref="WholeImageLimit.Default"/>) is refused before it is read.</summary>
    public static PostprocessFileResult Watershed(string input, string heatmap, string? mask, string output, TiffWriteOptions write, CancellationToken cancellationToken = default, WholeImageLimit? limit = null)
    {
        OutputFile.RefuseExisting(write.Overwrite, output);
        (limit ?? WholeImageLimit.Default).Check(input, "watershed", WholeImageLimit.WatershedBytesPerPixel);
        var landscape = ImageFile.ReadIntensity(heatmap, null, cancellationToken);
        var inside = mask is null ? null : ImageFile.ReadIntensity(mask, null, cancellationToken);
        return Transform(input, output, write, labels =>
        {
            try
            {
                return Postprocessing.Watershed.Apply(labels, landscape, inside, cancellationToken);
            }
            catch (ShapeMismatchException e)
            {
                throw new ShapeMismatchException($"{e.Message} (heatmap {heatmap}{(mask is null ? "" : ", mask " + mask)})");
            }
        }, cancellationToken) with { SecondInputPath = heatmap };
    }

    /// <summary>The shape filter; features measured from the image (<see cref="ShapeFeatures"/>), or read from a
    /// table file (CSV, TSV, XLSX) measured on the same image when <paramref name="featuresPath"/> is given.</summary>
    public static PostprocessFileResult ShapeFilter(string input, string? featuresPath, string output, ShapeFilterOptions options, TiffWriteOptions write, CancellationToken cancellationToken = default) =>
        ShapeFilter(input, featuresPath is null ? null : TableFile.Read(featuresPath), output, options, write, cancellationToken) with { SecondInputPath = featuresPath };

    /// <summary>The shape filter with a feature table measured beforehand on the same image, or measured now when null.</summary>
    public static PostprocessFileResult ShapeFilter(string input, MeasurementTable? features, string output, ShapeFilterOptions options, TiffWriteOptions write, CancellationToken cancellationToken = default)
    {
        OutputFile.RefuseExisting(write.Overwrite, output);
        var labels = ImageFile.ReadLabels(input, null, cancellationToken);
        ShapeFilterResult result;
        try
        {
            result = features is null
                ? Postprocessing.ShapeFilter.Apply(labels, options, cancellationToken)
                : Postprocessing.ShapeFilter.Apply(labels, features, options);
        }
        catch (SegMeasureException e) when (e.Path is null)
        {
            throw new SegMeasureException(e.ErrorId, e.Kind, $"{input}: {e.Message}", input, e);
        }

        Write(input, output, result.Image, write);
        return new PostprocessFileResult(input, output, result.SegmentsBefore, result.SegmentsAfter, result.Report);
    }

    /// <summary>Matches nuclei and cytosols and writes both renumbered masks. The result is told from the nuclei's
    /// side (input, output, nuclei before, pairs after); the cytosol files are the paired ones.</summary>
    public static PostprocessFileResult MatchMasks(string nuclei, string cytosol, string nucleiOutput, string cytosolOutput, MaskMatchingOptions options, TiffWriteOptions write, CancellationToken cancellationToken = default)
    {
        OutputFile.RefuseExisting(write.Overwrite, nucleiOutput, cytosolOutput);
        var n = ImageFile.ReadLabels(nuclei, null, cancellationToken);
        var c = ImageFile.ReadLabels(cytosol, null, cancellationToken);

        MaskMatchingResult result;
        try
        {
            result = MaskMatching.Match(n, c, options, cancellationToken);
        }
        catch (ShapeMismatchException e)
        {
            throw new ShapeMismatchException($"{nuclei} and {cytosol}: {e.Message}", cytosol);
        }

        Write(nuclei, nucleiOutput, result.Nuclei, write);
        Write(cytosol, cytosolOutput, result.Cytosol, write);
        return new PostprocessFileResult(nuclei, nucleiOutput, result.NucleiBefore, result.Pairs, result.Report, cytosol, cytosolOutput, result.Matches);
    }

    private static PostprocessFileResult Transform(string input, string output, TiffWriteOptions write, Func<LabelImage, PostprocessResult> operation, CancellationToken cancellationToken)
    {
        OutputFile.RefuseExisting(write.Overwrite, output);
        var labels = ImageFile.ReadLabels(input, null, cancellationToken);
        PostprocessResult result;
        try
        {
            result = operation(labels);
        }
        catch (SegMeasureException e) when (e.Path is null)
        {
            throw new SegMeasureException(e.ErrorId, e.Kind, $"{input}: {e.Message}", input, e);
        }

        Write(input, output, result.Image, write);
        return new PostprocessFileResult(input, output, result.SegmentsBefore, result.SegmentsAfter);
    }

    private static void Write(string input, string output, LabelImage image, TiffWriteOptions write)
    {
        OutputFile.RefuseInput(output, [input], "the input file");
        ImageFile.WriteLabels(output, image, write with { LabelType = image.StoredType });
    }
}
