using System.Management.Automation;
using SegMeasure.Core.Measurement;
using SegMeasure.Core.Postprocessing;

namespace SegMeasure.PowerShell;

/// <summary>
/// <para type="synopsis">Measures per-segment intensity statistics of a segmentation over an intensity image.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Measure, "Intensity", DefaultParameterSetName = PathSet)]
[OutputType("SegMeasure.Intensity")]
public sealed class MeasureIntensityCommand : SegMeasureCmdlet
{
    /// <summary>The intensity image paired with each segmentation.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string IntensityPath { get; set; } = "";

    /// <summary>Adds sum_intensity (integrated intensity).</summary>
    [Parameter]
    public SwitchParameter IncludeSum { get; set; }

    /// <summary>Memory (GB) the measurement may take; a TIFF that would need more is measured band by band from the file (same table).</summary>
    [Parameter]
    [ValidateRange(MemoryLimitRange.SmallestGB, MemoryLimitRange.LargestGB)]
    public double? MemoryLimitGB { get; set; }

    protected override string Activity => "Measuring intensities";

    protected override void ProcessFile(string path)
    {
        var intensity = ResolvePairedPath(IntensityPath);
        var options = new IntensityOptions { IncludeSum = IncludeSum, MemoryLimit = WholeImageLimit.FromGigabytes(MemoryLimitGB) };
        var table = Run((progress, ct) => MeasurementFiles.Intensity(path, intensity, options, progress, ct));
        WriteRows(table, "SegMeasure.Intensity", ("Path", path), ("IntensityPath", intensity));
    }
}
