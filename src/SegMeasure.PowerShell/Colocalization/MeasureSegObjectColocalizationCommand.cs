using System.Management.Automation;
using SegMeasure.Core.Colocalization;

namespace SegMeasure.PowerShell;

/// <summary>
/// <para type="synopsis">Finds objects in two channels (threshold + connected components) and reports their coincidence and overlap.</para>
/// <para type="description">One object per detected object of either channel: channel, object, n_pixels, centroid, coincident,
/// overlap, nn_distance_px, the centroid and nearest distance in physical units, plus Path, ImageBPath and MaskPath.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Measure, "SegObjectColocalization", DefaultParameterSetName = PathSet)]
[OutputType("SegMeasure.ObjectColocalization")]
public sealed class MeasureSegObjectColocalizationCommand : SegMeasureCmdlet
{
    private static readonly ObjectDetectionOptions Defaults = new();

    /// <summary>Channel B, paired with each channel A image.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string ImageBPath { get; set; } = "";

    /// <summary>Optional mask (non-zero = inside) restricting object detection.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? MaskPath { get; set; }

    /// <summary>The automatic threshold method of object detection.</summary>
    [Parameter]
    public ColocalizationThresholdMethod ThresholdMethod { get; set; } = Defaults.ThresholdMethod;

    /// <summary>Objects smaller than this many pixels are dropped.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int MinSize { get; set; } = Defaults.MinSize;

    /// <summary>Names of channel A and channel B.</summary>
    [Parameter]
    [ValidateCount(2, 2)]
    public string[] ChannelName { get; set; } = [ColocalizationOptions.DefaultChannelA, ColocalizationOptions.DefaultChannelB];

    protected override string Activity => "Measuring object colocalization";

    protected override void ProcessFile(string path)
    {
        var imageB = ResolvePairedPath(ImageBPath);
        var mask = MaskPath is null ? null : ResolvePairedPath(MaskPath);
        var result = ColocalizationFiles.Objects(path, imageB, mask, Defaults with { ThresholdMethod = ThresholdMethod, MinSize = MinSize }, ChannelName[0], ChannelName[1]);
        WriteRows(result.Table, "SegMeasure.ObjectColocalization", ("Path", path), ("ImageBPath", imageB), ("MaskPath", mask));
    }
}
