using System.Management.Automation;
using SegMeasure.Core.Colocalization;

namespace SegMeasure.PowerShell;

/// <summary>
/// <para type="synopsis">Computes Van Steensel's cross-correlation function of two channels.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Measure, "SegCrossCorrelation", DefaultParameterSetName = PathSet)]
[OutputType("SegMeasure.CrossCorrelation")]
public sealed class MeasureSegCrossCorrelationCommand : ChannelPairCmdlet
{
    /// <summary>Largest shift in pixels, each way.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int MaxShift { get; set; } = CrossCorrelationFunction.DefaultMaxShift;

    /// <summary>Axis of the shift (numpy order; -1 = X).</summary>
    [Parameter]
    public int Axis { get; set; } = CrossCorrelationFunction.DefaultAxis;

    protected override string Activity => "Computing the cross-correlation function";

    protected override void ProcessPair(string path, string imageB, string? mask)
    {
        var result = ColocalizationFiles.CrossCorrelation(path, imageB, mask, MaxShift, Axis);
        WritePairRows(DiagnosticTables.Of(result), "SegMeasure.CrossCorrelation", path, imageB, mask);
    }
}
