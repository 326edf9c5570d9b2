namespace SegMeasure.Core.Segmentation.Cellpose;

/// <summary>
/// Flows to masks as Cellpose does it (dynamics.resize_and_compute_masks, version 3): flow
/// following of the pixels above the cell probability threshold, masks from the end points,
/// the flow-error check, then hole filling, min_size and consecutive ids.
/// </summary>
internal static class CellposeDynamics
{
    /// <summary>Masks of <paramref name="flows"/>; <paramref name="rescale"/> (diam_mean / diameter) sets the default number of steps, 200 / rescale.</summary>
    public static uint[] ComputeMasks(CellposeFlows flows, CellposeMaskOptions options, double rescale = 1.0, CancellationToken cancellationToken = default)
    {
        options.Validate();
        // Compared in float32, as numpy compares a float32 image with a Python number.
        float threshold = (float)options.CellProbabilityThreshold;
        var starts = new List<int>();
        for (int i = 0; i < flows.Length; i++)
            if (flows.CellProbability[i] > threshold) starts.Add(i);
        if (starts.Count == 0) return new uint[flows.Length];

        var startArray = starts.ToArray();
        var (endY, endX) = FlowFollowing.Follow(flows, threshold, startArray, IterationsFor(options, rescale), cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var masks = ConvergenceMasks.From(endY, endX, startArray, flows.Height, flows.Width, options.MaxSizeFraction);
        if (options.FlowThreshold > 0 && masks.Any(l => l != 0))
            masks = FlowErrorFilter.RemoveInconsistent(masks, flows, options.FlowThreshold);
        cancellationToken.ThrowIfCancellationRequested();
        return MaskCleanup.FillHolesAndRemoveSmall(masks, flows.Height, flows.Width, options.MinSize);
    }

    // Cellpose: niter = 200 / rescale when resampling, truncated to a whole number.
    internal static int IterationsFor(CellposeMaskOptions options, double rescale) => options.Iterations ?? Math.Max(1, (int)(1 / rescale * 200));
}
