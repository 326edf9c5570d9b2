using System.Management.Automation;
using SegMeasure.Core.Colocalization;

namespace SegMeasure.PowerShell;

/// <summary>
/// <para type="synopsis">Computes the points of Li's intensity correlation analysis (ICA) of two channels.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Measure, "SegIntensityCorrelation", DefaultParameterSetName = PathSet)]
[OutputType("SegMeasure.IntensityCorrelation")]
public sealed class MeasureSegIntensityCorrelationCommand : ChannelPairCmdlet
{
    protected override string Activity => "Computing intensity correlation analysis";

    protected override void ProcessPair(string path, string imageB, string? mask)
    {
        var result = ColocalizationFiles.IntensityCorrelation(path, imageB, mask);
        WritePairRows(DiagnosticTables.Of(result), "SegMeasure.IntensityCorrelation", path, imageB, mask);
    }
}
