using SegMeasure.Core.Images;
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
        var labels = ImageFile.ReadLabels(segmentationPath);
        var intensity = ImageFile.ReadIntensity(intensityPath);
        return NamingFiles(segmentationPath, intensityPath, () => IntensityMeasurement.Measure(labels, intensity, options, progress, ct));
    }

    public static MeasurementTable Morphology(string segmentationPath, MorphologyOptions? options = null,
        IProgress<WorkProgress>? progress = null, CancellationToken ct = default)
    {
        var labels = ImageFile.ReadLabels(segmentationPath);
        try
        {
            return MorphologyMeasurement.Measure(labels, options, progress, ct);
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
        var cells = ImageFile.ReadLabels(cellPath);
        var nuclei = ImageFile.ReadLabels(nucleusPath);
        options ??= new CellNucleusOptions();
        if (intensityPath is not null) options = options with { Intensity = ImageFile.ReadIntensity(intensityPath) };
        string others = intensityPath is null ? nucleusPath : $"{nucleusPath}, {intensityPath}";
        return NamingFiles(cellPath, others, () => CellNucleusMeasurement.Measure(cells, nuclei, options, progress, ct));
    }

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
