using System.Management.Automation;
using SegMeasure.Core.Colocalization;

namespace SegMeasure.PowerShell;

/// <summary>
/// <para type="synopsis">Computes the points of Li's intensity correlation analysis (ICA) of two channels.</para>
/// <para type="description">One object per pixel of the region: a, b, product ((a - mean a)(b - mean b)) and icq, plus Path,
/// ImageBPath and MaskPath.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Measure, "SegIntensityCorrelation", DefaultParameterSetName = PathSet)]
[OutputType("SegMeasure.IntensityCorrelation")]
public sealed class MeasureSegIntensityCorrelationCommand : SegMeasureCmdlet
{
    /// <summary>Channel B, paired with each channel A image.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string ImageBPath { get; set; } = "";

    /// <summary>Optional mask (non-zero = region analysed).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? MaskPath { get; set; }

    protected override string Activity => "Computing intensity correlation analysis";

    protected override void ProcessFile(string path)
    {
        var imageB = ResolvePairedPath(ImageBPath);
        var mask = MaskPath is null ? null : ResolvePairedPath(MaskPath);
        var result = ColocalizationFiles.IntensityCorrelation(path, imageB, mask);
        WriteRows(DiagnosticTables.Of(result), "SegMeasure.IntensityCorrelation", ("Path", path), ("ImageBPath", imageB), ("MaskPath", mask));
    }
}
