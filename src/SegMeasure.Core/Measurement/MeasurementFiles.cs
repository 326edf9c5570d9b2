using SegMeasure.Core.Images;
using SegMeasure.Core.Streaming;
using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Measurement;

/// <summary>
/// The measurements applied to files: read the images, measure, and name the files in any
/// error about them. The CLI, the cmdlets and batch sweeps all call these, so they behave alike.
/// </summary>
public static class MeasurementFiles
{
    public static MeasurementTable Intensity(string segmentationPath, string intensityPath, IntensityOptions? options = null,
        IProgress<WorkProgress>? progress = null, CancellationToken ct = default)
    {
        options ??= new IntensityOptions();
        var bands = StreamingChoice.Bands(options.StripeRows);
        using (var labelRows = StreamingChoice.Open(segmentationPath, _ => StreamingChoice.IntensityBytesPerPixel, options.MemoryLimit, options.Streaming))
        {
            if (labelRows is not null)
            {
                var intensityRows = StreamingChoice.Open(intensityPath, _ => 0, options.MemoryLimit, forced: true);
                using (intensityRows)
                {
                    // A large label image is read band by band; its intensity image too when the file allows it, else whole.
                    IReadOnlyList<ImageRows> channels = intensityRows is not null ? [intensityRows] : Channels(ImageFile.ReadIntensity(intensityPath));
                    return NamingFiles(segmentationPath, intensityPath, () => IntensityMeasurement.Measure(labelRows, channels, options, bands, progress, ct));
                }
            }
        }

        var (labels, intensity) = ReadTogether(() => ImageFile.ReadLabels(segmentationPath), () => ImageFile.ReadIntensity(intensityPath));
        return NamingFiles(segmentationPath, intensityPath, () => IntensityMeasurement.Measure(labels, intensity, options, progress, ct));
    }

    public static MeasurementTable Morphology(string segmentationPath, MorphologyOptions? options = null,
        IProgress<WorkProgress>? progress = null, CancellationToken ct = default)
    {
        options ??= new MorphologyOptions();
        try
        {
            var limit = options.MemoryLimit.MemoryLimitBytes;
            using var rows = StreamingChoice.Open(segmentationPath,
                rows => rows.Shape.Is2D || (double)rows.Shape.Length * StreamingChoice.MorphologyBytesPerPixel > limit, options.Streaming);
            if (rows is not null) return MorphologyMeasurement.Measure(rows, options, StreamingChoice.Bands(options.StripeRows), progress, ct);
            return MorphologyMeasurement.Measure(ImageFile.ReadLabels(segmentationPath), options, progress, ct);
        }
        catch (SegMeasureException e) when (e.Path is null)
        {
            throw new SegMeasureException(e.ErrorId, e.Kind, $"{segmentationPath}: {e.Message}", segmentationPath, e);
        }
    }

    /// <summary>Cell–nucleus measurement; <paramref name="intensityPath"/> is optional and overrides <see cref="CellNucleusOptions.Intensity"/>.</summary>
    public static MeasurementTable CellNucleus(string cellPath, string nucleusPath, string? intensityPath = null, CellNucleusOptions? options = null,
        IProgress<WorkProgress>? progress = null, CancellationToken ct = default)
    {
        options ??= new CellNucleusOptions();
        string others = intensityPath is null ? nucleusPath : $"{nucleusPath}, {intensityPath}";
        var bands = StreamingChoice.Bands(options.StripeRows);
        using (var cellRows = StreamingChoice.Open(cellPath, _ => StreamingChoice.CellNucleusBytesPerPixel, options.MemoryLimit, options.Streaming))
        {
            if (cellRows is not null)
            {
                // Band by band, each image is read as a stream when its file allows it, else whole.
                using var nucleusRows = StreamingChoice.Open(nucleusPath, _ => 0, options.MemoryLimit, forced: true);
                using var intensityRows = intensityPath is null ? null : StreamingChoice.Open(intensityPath, _ => 0, options.MemoryLimit, forced: true);
                ImageRows nucleiSource = nucleusRows is not null ? nucleusRows : ArrayRows.Of(ImageFile.ReadLabels(nucleusPath));
                IReadOnlyList<ImageRows> channels = intensityRows is not null ? [intensityRows]
                    : intensityPath is not null ? Channels(ImageFile.ReadIntensity(intensityPath))
                    : options.Intensity is { } given ? Channels(given) : [];
                return NamingFiles(cellPath, others, () => CellNucleusMeasurement.Measure(cellRows, nucleiSource, channels, options, bands, progress, ct));
            }
        }

        var cells = ImageFile.ReadLabels(cellPath);
        var nuclei = ImageFile.ReadLabels(nucleusPath);
        if (intensityPath is not null) options = options with { Intensity = ImageFile.ReadIntensity(intensityPath) };
        return NamingFiles(cellPath, others, () => CellNucleusMeasurement.Measure(cells, nuclei, options, progress, ct));
    }

    /// <summary>
    /// Reads two files at once: each read decodes on every core, but its start (the header) and
    /// end (the last strips) leave cores idle that the other read fills. An error of the first
    /// file is reported before one of the second, as when they were read one after the other.
    /// </summary>
    private static (TFirst, TSecond) ReadTogether<TFirst, TSecond>(Func<TFirst> first, Func<TSecond> second)
    {
        var reading = Task.Run(second);
        TFirst a;
        try
        {
            a = first();
        }
        catch
        {
            try { reading.Wait(); } catch (AggregateException) { } // the first file's error wins
            throw;
        }

        return (a, reading.GetAwaiter().GetResult());
    }

    private static ImageRows[] Channels(IntensityImage image) =>
        Enumerable.Range(0, image.ChannelCount).Select(c => (ImageRows)ArrayRows.Of(image, c)).ToArray();

    private static MeasurementTable NamingFiles(string primary, string others, Func<MeasurementTable> measure)
    {
        try
        {
            return measure();
        }
        catch (ShapeMismatchException e)
        {
            throw new ShapeMismatchException($"{primary} and {others}: {e.Message}", primary);
        }
        catch (SegMeasureException e) when (e.Path is null)
        {
            throw new SegMeasureException(e.ErrorId, e.Kind, $"{primary}: {e.Message}", primary, e);
        }
    }
}
