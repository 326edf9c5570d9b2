using System.Globalization;
using System.Text;

namespace SegMeasure.Core.Segmentation;

/// <summary>The <c>.log</c> written beside each mask: parameters, versions, model, timings, objects per frame, warnings.</summary>
internal static class SegmentationLog
{
    public static string Format(SegmentationJob job, SegmentationOptions options, IReadOnlyList<int> objectsPerFrame,
        IReadOnlyList<double> secondsPerFrame, double seconds, IReadOnlyList<string> warnings, IReadOnlyList<double> thresholds,
        IReadOnlyList<KeyValuePair<string, string>>? methodLines = null)
    {
        var c = CultureInfo.InvariantCulture;
        var log = new StringBuilder();
        void Line(string key, object? value) => log.Append(key).Append(": ").Append(Convert.ToString(value, c)).Append('\n');
        Line("segmeasure", typeof(SegmentationLog).Assembly.GetName().Version);
        Line("runtime", System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);
        Line("date_utc", DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", c));
        Line("input", job.Input);
        Line("mask", job.MaskPath);
        Line("method", options.FromFlows ? "cellpose (masks from saved flows)" : options.Method.ToString().ToLowerInvariant());
        if (options.Method == SegmentationMethod.Classical && !options.FromFlows)
        {
            Line("sigma", options.Classical.Sigma);
            Line("diameter", options.Classical.Diameter);
            Line("min_size", options.Classical.MinSize);
            var classical = options.Classical;
            Line("threshold", classical.Threshold == ClassicalThreshold.Otsu ? "otsu"
                : FormattableString.Invariant($"local (block {classical.LocalBlockSize} px, above {classical.OtsuFraction:R} x otsu, holes filled)"));
            Line("seed_sigma", classical.SeedSigma);
        }
        else
        {
            foreach (var (key, value) in methodLines ?? []) Line(key, value);
            if (job.FlowsPath is not null) Line("flows_saved", job.FlowsPath);
        }

        Line("channel", options.Channel);
        Line("z_range", $"{(options.ZFirst?.ToString(c) ?? "first")}-{(options.ZLast?.ToString(c) ?? "last")}");
        Line("projection", options.Projection.ToString().ToLowerInvariant());
        Line("suffix", options.Suffix);
        Line("frames", objectsPerFrame.Count);
        for (int t = 0; t < objectsPerFrame.Count; t++)
            log.Append(c, $"frame {t}: {objectsPerFrame[t]} objects, {secondsPerFrame[t]:0.000} s{(t < thresholds.Count ? $", otsu threshold {thresholds[t]:R}" : "")}\n");
        Line("seconds", seconds.ToString("0.000", c));
        Line("warnings", warnings.Count);
        foreach (var w in warnings) log.Append("warning: ").Append(w).Append('\n');
        return log.ToString();
    }
}
