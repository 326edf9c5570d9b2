namespace SegMeasure.Core.Tests.Segmentation;

/// <summary>F1 of instance matching at an IoU threshold: a pair with IoU above it is a true positive (such pairs are unique for IoU ≥ 0.5).</summary>
internal static class InstanceScore
{
    public static double F1(uint[] truth, uint[] predicted, double iou)
    {
        var pairs = new Dictionary<(uint, uint), long>();
        var truthArea = new Dictionary<uint, long>();
        var predictedArea = new Dictionary<uint, long>();
        for (int i = 0; i < truth.Length; i++)
        {
            if (truth[i] != 0) truthArea[truth[i]] = truthArea.GetValueOrDefault(truth[i]) + 1;
            if (predicted[i] != 0) predictedArea[predicted[i]] = predictedArea.GetValueOrDefault(predicted[i]) + 1;
            if (truth[i] != 0 && predicted[i] != 0) pairs[(truth[i], predicted[i])] = pairs.GetValueOrDefault((truth[i], predicted[i])) + 1;
        }

        int tp = pairs.Count(p => (double)p.Value / (truthArea[p.Key.Item1] + predictedArea[p.Key.Item2] - p.Value) > iou);
        return 2.0 * tp / (truthArea.Count + predictedArea.Count);
    }

}
