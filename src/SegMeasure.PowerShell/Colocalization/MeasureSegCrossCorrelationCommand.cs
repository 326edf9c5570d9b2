using System.Management.Automation;
using SegMeasure.Core.Colocalization;

namespace SegMeasure.PowerShell;

/// <summary>
/// <para type="synopsis">Computes Van Steensel's cross-correlation function of two channels.</para>
/// <para type="description">One object per shift: shift, pcc and peak_shift, plus Path, ImageBPath and MaskPath.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Measure, "SegCrossCorrelation", DefaultParameterSetName = PathSet)]
[OutputType("SegMeasure.CrossCorrelation")]
public sealed class MeasureSegCrossCorrelationCommand : SegMeasureCmdlet
{
    /// <summary>Channel B, paired with each channel A image.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string ImageBPath { get; set; } = "";

    /// <summary>Optional mask (non-zero = region analysed).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? MaskPath { get; set; }

    /// <summary>Largest shift in pixels, each way.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int MaxShift { get; set; } = CrossCorrelationFunction.DefaultMaxShift;

    /// <summary>Axis of the shift (numpy order; -1 = X).</summary>
    [Parameter]
    public int Axis { get; set; } = CrossCorrelationFunction.DefaultAxis;

    protected override string Activity => "Computing the cross-correlation function";

    protected override void ProcessFile(string path)
    {
        var imageB = ResolvePairedPath(ImageBPath);
        var mask = MaskPath is null ? null : ResolvePairedPath(MaskPath);
        var result = ColocalizationFiles.CrossCorrelation(path, imageB, mask, MaxShift, Axis);
        WriteRows(DiagnosticTables.Of(result), "SegMeasure.CrossCorrelation", ("Path", path), ("ImageBPath", imageB), ("MaskPath", mask));
    }
}
