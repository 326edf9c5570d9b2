using System.Globalization;

namespace SegMeasure.Core.Segmentation.Cellpose;

/// <summary>Method 1 for one plane: the network's flows (or saved ones), then Cellpose's dynamics; with the log lines that say how.</summary>
internal static class CellposeSegmentation
{
    public static (uint[] Labels, CellposeFlows Flows, IReadOnlyList<KeyValuePair<string, string>> Log) FromImage(
        double[] plane, int height, int width, OnnxCellposeModel model, CellposeOptions options, ICollection<string> warnings, CancellationToken cancellationToken)
    {
        var sizeLines = new List<KeyValuePair<string, string>>();
        if (options.Diameter is null && model.SizeModel is { } sizeModel)
            options = options with { Diameter = EstimateDiameter(plane, height, width, model, options, sizeModel, sizeLines, warnings, cancellationToken) };
        var (flows, rescale) = CellposeInference.Predict(plane, height, width, model, options, warnings, cancellationToken);
        var labels = CellposeDynamics.ComputeMasks(flows, options.Masks, rescale, cancellationToken);
        var log = new List<KeyValuePair<string, string>>
        {
            new("model", model.Path),
            new("model_sha256", model.Sha256),
            new("model_diam_mean", model.DiameterMean?.ToString("R", CultureInfo.InvariantCulture) ?? "none"),
            new("execution_provider", model.Provider),
            new("diameter", options.Diameter?.ToString("R", CultureInfo.InvariantCulture) ?? "none (no rescaling)"),
            new("rescale", rescale.ToString("R", CultureInfo.InvariantCulture)),
        };
        log.AddRange(sizeLines);
        log.AddRange(MaskLines(options.Masks, rescale));
        return (labels, flows, log);
    }

    /// <summary>
    /// Cellpose's two-step estimate (models.SizeModel.eval): the size model's diameter from the image's
    /// style, then the median diameter of the masks found at that diameter. The final segmentation runs at
    /// the second. Unlike Cellpose's size model, the mask pass resamples its flows to the image, as every
    /// SegMeasure pass does, so the estimate can differ from Cellpose's by the masks' boundary pixels.
    /// </summary>
    private static double EstimateDiameter(double[] plane, int height, int width, OnnxCellposeModel model, CellposeOptions options,
        CellposeSizeModel size, List<KeyValuePair<string, string>> log, ICollection<string> warnings, CancellationToken cancellationToken)
    {
        var c = CultureInfo.InvariantCulture;
        double fromStyle = size.FromStyle(CellposeInference.Style(plane, height, width, model, options, warnings, cancellationToken));
        // Cellpose rescales this pass by the size model's diam_mean / estimate; as a diameter for this model that is:
        var first = options with { Diameter = fromStyle * (model.DiameterMean ?? size.DiameterMean) / size.DiameterMean };
        var (flows, rescale) = CellposeInference.Predict(plane, height, width, model, first, warnings, cancellationToken);
        double fromMasks = size.FromMasks(CellposeDynamics.ComputeMasks(flows, options.Masks, rescale, cancellationToken));
        log.Add(new("size_model", size.Path));
        log.Add(new("diameter_from_style", fromStyle.ToString("R", c)));
        log.Add(new("diameter_estimated", fromMasks.ToString("R", c)));
        return fromMasks;
    }

    public static (uint[] Labels, IReadOnlyList<KeyValuePair<string, string>> Log) FromFlows(CellposeFlows flows, string flowsPath, CellposeOptions options, CancellationToken cancellationToken)
    {
        var labels = CellposeDynamics.ComputeMasks(flows, options.Masks, 1.0, cancellationToken);
        var log = new List<KeyValuePair<string, string>> { new("flows", flowsPath) };
        log.AddRange(MaskLines(options.Masks, 1.0));
        return (labels, log);
    }

    private static IEnumerable<KeyValuePair<string, string>> MaskLines(CellposeMaskOptions masks, double rescale)
    {
        var c = CultureInfo.InvariantCulture;
        yield return new("cellprob_threshold", masks.CellProbabilityThreshold.ToString("R", c));
        yield return new("flow_threshold", masks.FlowThreshold.ToString("R", c));
        yield return new("min_size", masks.MinSize.ToString(c));
        yield return new("niter", CellposeDynamics.IterationsFor(masks, rescale).ToString(c));
        yield return new("max_size_fraction", masks.MaxSizeFraction.ToString("R", c));
    }
}
