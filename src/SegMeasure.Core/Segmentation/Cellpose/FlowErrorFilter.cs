namespace SegMeasure.Core.Segmentation.Cellpose;

/// <summary>
/// Cellpose's quality check (dynamics.remove_bad_flow_masks with metrics.flow_error): flows are
/// recomputed from the masks and compared with the network's flows divided by 5; a mask whose
/// mean squared difference (summed over Y and X) exceeds the threshold is removed. Ids are kept.
/// </summary>
internal static class FlowErrorFilter
{
    public static uint[] RemoveInconsistent(uint[] masks, CellposeFlows flows, double threshold)
    {
        var (my, mx) = MasksToFlows.Compute2D(masks, flows.Height, flows.Width);
        uint max = 0;
        foreach (var l in masks) max = Math.Max(max, l);
        var sumY = new double[max + 1];
        var sumX = new double[max + 1];
        var count = new long[max + 1];
        for (int i = 0; i < masks.Length; i++)
        {
            uint l = masks[i];
            if (l == 0) continue;
            double ey = my[i] - flows.FlowY[i] / 5f, ex = mx[i] - flows.FlowX[i] / 5f;
            sumY[l] += ey * ey;
            sumX[l] += ex * ex;
            count[l]++;
        }

        var bad = new bool[max + 1];
        for (uint l = 1; l <= max; l++)
            bad[l] = count[l] > 0 && sumY[l] / count[l] + sumX[l] / count[l] > threshold;
        var result = (uint[])masks.Clone();
        for (int i = 0; i < result.Length; i++) if (bad[result[i]]) result[i] = 0;
        return result;
    }
}
