using System.Management.Automation;
using SegMeasure.Core.Postprocessing;

namespace SegMeasure.PowerShell.Postprocessing;

/// <summary>
/// <para type="synopsis">Grows the input segments over a heatmap (low values flooded first), optionally within a mask.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "Watershed", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
[OutputType(PostprocessRecord.TypeName)]
public sealed class InvokeWatershedCommand : SegMeasureWriterCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string HeatmapPath { get; set; } = "";

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? MaskPath { get; set; }

    /// <summary>Largest memory (GB) this whole-image step may use; larger images are refused before they are read.</summary>
    [Parameter]
    [ValidateRange(MemoryLimitRange.SmallestGB, MemoryLimitRange.LargestGB)]
    public double? MemoryLimitGB { get; set; }

    protected override string Activity => "Running watershed";

    protected override void ProcessFile(string path)
    {
        if (ConfirmOutput(path) is not { } output) return;
        var mask = MaskPath is null ? null : ResolvePairedPath(MaskPath);
        var (heatmap, write) = (ResolvePairedPath(HeatmapPath), WriteOptions);
        var limit = WholeImageLimit.FromGigabytes(MemoryLimitGB);
        WriteObject(PostprocessRecord.From(Run((_, ct) => PostprocessFile.Watershed(path, heatmap, mask, output, write, ct, limit))));
    }
}
