using System.Management.Automation;
using SegMeasure.Core.Colocalization;

namespace SegMeasure.PowerShell;

/// <summary>
/// <para type="synopsis">Measures two-channel colocalization per region: Pearson, Spearman, Li's ICQ, Manders' overlap, k1/k2 and M1/M2.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Measure, "Colocalization", DefaultParameterSetName = PathSet)]
[OutputType("SegMeasure.Colocalization")]
public sealed class MeasureColocalizationCommand : SegMeasureCmdlet
{
    private static readonly ColocalizationOptions Defaults = new();

    /// <summary>Channel B, paired with each channel A image; left out, the image's channels are analysed all-to-all.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? ImageBPath { get; set; }

    /// <summary>Label image of the regions; left out, the whole image is region 0.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? SegmentationPath { get; set; }

    /// <summary>How Manders' thresholds are found.</summary>
    [Parameter]
    public ColocalizationThresholdMethod ThresholdMethod { get; set; } = Defaults.ThresholdMethod;

    /// <summary>Channel A threshold for -ThresholdMethod Manual.</summary>
    [Parameter]
    public double? ThresholdA { get; set; }

    /// <summary>Channel B threshold for -ThresholdMethod Manual.</summary>
    [Parameter]
    public double? ThresholdB { get; set; }

    /// <summary>Metrics to compute; the others stay empty.</summary>
    [Parameter]
    [Alias("Metrics")]
    public ColocalizationMetric[] Metric { get; set; } = [.. Defaults.Metrics];

    /// <summary>Analyse every plane along this axis on its own (numpy order).</summary>
    [Parameter]
    public int? SliceAxis { get; set; }

    /// <summary>All-to-all: the axis holding the channels when the file does not declare them.</summary>
    [Parameter]
    public int? ChannelAxis { get; set; }

    /// <summary>Channel names: two for a pair, one per channel all-to-all.</summary>
    [Parameter]
    public string[]? ChannelName { get; set; }

    protected override string Activity => "Measuring colocalization";

    protected override void ProcessFile(string path)
    {
        var imageB = ImageBPath is null ? null : ResolvePairedPath(ImageBPath);
        var segmentation = SegmentationPath is null ? null : ResolvePairedPath(SegmentationPath);
        var options = Defaults with
        {
            ThresholdMethod = ThresholdMethod, ThresholdA = ThresholdA, ThresholdB = ThresholdB, Metrics = Metric, SliceAxis = SliceAxis, ChannelNames = ChannelName,
        };
        var result = ColocalizationFiles.Analyse(path, imageB, segmentation, ChannelAxis, options, StoppingToken);
        foreach (var warning in result.Warnings) WriteWarning($"{path}: {warning}");
        WriteRows(result.Table, "SegMeasure.Colocalization", ("Path", path), ("ImageBPath", imageB), ("SegmentationPath", segmentation));
    }
}
