using SegMeasure.Core.Images;

namespace SegMeasure.Core.Colocalization;

/// <summary>
/// Colocalization applied to files: read the images, analyse, and name the files in any error.
/// The CLI and the cmdlets call these, so both behave alike.
/// </summary>
public static class ColocalizationFiles
{
    /// <summary>Per-region metrics of two single-channel images; <paramref name="segmentationPath"/> null analyses the whole image.</summary>
    public static ColocalizationResult Pairwise(string imageAPath, string imageBPath, string? segmentationPath = null, ColocalizationOptions? options = null,
        CancellationToken ct = default)
    {
        var a = ImageFile.ReadIntensity(imageAPath);
        var b = ImageFile.ReadIntensity(imageBPath);
        var labels = segmentationPath is null ? null : ImageFile.ReadLabels(segmentationPath);
        return NamingFiles(imageAPath, Others(imageBPath, segmentationPath), () => ColocalizationAnalysis.Pairwise(a, b, labels, options, ct));
    }

    /// <summary>Per-region metrics of every channel pair of one multichannel image.</summary>
    public static ColocalizationResult AllToAll(string imagePath, int? channelAxis, string? segmentationPath = null, ColocalizationOptions? options = null,
        CancellationToken ct = default)
    {
        var image = ImageFile.ReadIntensity(imagePath);
        var labels = segmentationPath is null ? null : ImageFile.ReadLabels(segmentationPath);
        return NamingFiles(imagePath, segmentationPath, () => ColocalizationAnalysis.AllToAll(image, channelAxis, labels, options, ct));
    }

    /// <summary>
    /// What the cmdlet calls: pairwise when <paramref name="imageBPath"/> is given (then two
    /// <see cref="ColocalizationOptions.ChannelNames"/>, if any, name A and B), otherwise all-to-all
    /// over the channels of <paramref name="imageAPath"/>.
    /// </summary>
    public static ColocalizationResult Analyse(string imageAPath, string? imageBPath, string? segmentationPath, int? channelAxis,
        ColocalizationOptions? options = null, CancellationToken ct = default)
    {
        options ??= new ColocalizationOptions();
        if (imageBPath is null) return AllToAll(imageAPath, channelAxis, segmentationPath, options, ct);
        if (options.ChannelNames is { } names)
        {
            if (names.Count != 2)
                throw new SegMeasureException("SegMeasure.ChannelNameCount", ErrorKind.InvalidArgument,
                    $"a channel pair needs two channel names, got {names.Count}");
            options = options with { ChannelA = names[0], ChannelB = names[1], ChannelNames = null };
        }

        return Pairwise(imageAPath, imageBPath, segmentationPath, options, ct);
    }

    /// <summary>Objects of each image (threshold + connected components inside the mask) and their object table.</summary>
    public static ObjectColocalizationResult Objects(string imageAPath, string imageBPath, string? maskPath = null, ObjectDetectionOptions? options = null,
        string nameA = ColocalizationOptions.DefaultChannelA, string nameB = ColocalizationOptions.DefaultChannelB)
        => WithPair(imageAPath, imageBPath, maskPath, (a, b, mask) =>
            ObjectColocalization.Table(ObjectDetection.LabelObjects(a, mask, options), ObjectDetection.LabelObjects(b, mask, options), nameA, nameB));

    public static RandomizationResult Randomization(string imageAPath, string imageBPath, string? maskPath = null, RandomizationOptions? options = null,
        CancellationToken ct = default) =>
        WithPair(imageAPath, imageBPath, maskPath, (a, b, mask) => CostesRandomization.Run(a, b, mask, options, ct));

    public static CrossCorrelationResult CrossCorrelation(string imageAPath, string imageBPath, string? maskPath = null,
        int maxShift = CrossCorrelationFunction.DefaultMaxShift, int axis = CrossCorrelationFunction.DefaultAxis) =>
        WithPair(imageAPath, imageBPath, maskPath, (a, b, mask) => CrossCorrelationFunction.Compute(a, b, mask, maxShift, axis));

    public static CytofluorogramResult Cytofluorogram(string imageAPath, string imageBPath, string? maskPath = null, ColocalizationOptions? options = null) =>
        WithPair(imageAPath, imageBPath, maskPath, (a, b, mask) => Colocalization.Cytofluorogram.Compute(a, b, mask, options));

    public static IntensityCorrelationResult IntensityCorrelation(string imageAPath, string imageBPath, string? maskPath = null) =>
        WithPair(imageAPath, imageBPath, maskPath, IntensityCorrelationAnalysis.Compute);

    private static T WithPair<T>(string imageAPath, string imageBPath, string? maskPath, Func<IntensityImage, IntensityImage, LabelImage?, T> run)
    {
        var a = ImageFile.ReadIntensity(imageAPath);
        var b = ImageFile.ReadIntensity(imageBPath);
        var mask = maskPath is null ? null : ImageFile.ReadLabels(maskPath);
        return NamingFiles(imageAPath, Others(imageBPath, maskPath), () =>
        {
            RequireOneChannel(a, imageAPath);
            RequireOneChannel(b, imageBPath);
            return run(a, b, mask);
        });
    }

    private static void RequireOneChannel(IntensityImage image, string path)
    {
        if (image.ChannelCount != 1)
            throw new SegMeasureException("SegMeasure.NotSingleChannel", ErrorKind.InvalidData,
                $"{path}: the image has {image.ChannelCount} channels; give one channel per image", path);
    }

    private static string? Others(string first, string? second) => second is null ? first : $"{first}, {second}";

    private static T NamingFiles<T>(string primary, string? others, Func<T> run)
    {
        string files = others is null ? primary : $"{primary} and {others}";
        try
        {
            return run();
        }
        catch (ShapeMismatchException e) when (e.Path is null)
        {
            throw new ShapeMismatchException($"{files}: {e.Message}", primary);
        }
        catch (SegMeasureException e) when (e.Path is null)
        {
            throw new SegMeasureException(e.ErrorId, e.Kind, $"{files}: {e.Message}", primary, e);
        }
    }
}
