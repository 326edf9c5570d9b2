using System.Management.Automation;
using SegMeasure.Core.Colocalization;

namespace SegMeasure.PowerShell;

/// <summary>
/// <para type="synopsis">Finds objects in two channels (threshold + connected components) and reports their coincidence and overlap.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Measure, "SegObjectColocalization", DefaultParameterSetName = PathSet)]
[OutputType("SegMeasure.ObjectColocalization")]
public sealed class MeasureSegObjectColocalizationCommand : ChannelPairCmdlet
{
    private static readonly ObjectDetectionOptions Defaults = new();

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

    protected override void ProcessPair(string path, string imageB, string? mask)
    {
        var result = ColocalizationFiles.Objects(path, imageB, mask, Defaults with { ThresholdMethod = ThresholdMethod, MinSize = MinSize }, ChannelName[0], ChannelName[1]);
        WritePairRows(result.Table, "SegMeasure.ObjectColocalization", path, imageB, mask);
    }
}
