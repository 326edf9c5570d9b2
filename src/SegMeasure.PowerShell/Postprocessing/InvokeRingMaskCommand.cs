using System.Management.Automation;
using SegMeasure.Core.Postprocessing;

namespace SegMeasure.PowerShell.Postprocessing;

/// <summary>
/// <para type="synopsis">Rings around segments: -RingWidth voxels (city-block, smaller id wins), or by nearest segment within -NearestDistance.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "RingMask", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
[OutputType(PostprocessRecord.TypeName)]
public sealed class InvokeRingMaskCommand : SegMeasureWriterCmdlet
{
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? RingWidth { get; set; }

    [Parameter]
    [ValidateRange(0.0, double.MaxValue)]
    public double? NearestDistance { get; set; }

    [Parameter]
    public SwitchParameter RemoveOriginal { get; set; }

    [Parameter]
    public double[]? Scale { get; set; }

    /// <summary>Memory (GB) this step may use; a TIFF that would need more is processed band by band from file to file (same pixels).</summary>
    [Parameter]
    [ValidateRange(MemoryLimitRange.SmallestGB, MemoryLimitRange.LargestGB)]
    public double? MemoryLimitGB { get; set; }

    protected override string Activity => "Computing ring masks";

    protected override void ProcessFile(string path)
    {
        if (ConfirmOutput(path) is not { } output) return;
        var (width, keep, write, distance, scale) = (RingWidth, !RemoveOriginal, WriteOptions, NearestDistance, Scale);
        var limit = WholeImageLimit.FromGigabytes(MemoryLimitGB);
        WriteObject(PostprocessRecord.From(Run((_, ct) => PostprocessFile.RingMask(path, output, width, keep, write, distance, scale, ct, limit))));
    }
}
