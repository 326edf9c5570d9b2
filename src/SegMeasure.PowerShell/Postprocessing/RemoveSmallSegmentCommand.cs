using System.Management.Automation;
using SegMeasure.Core.Postprocessing;

namespace SegMeasure.PowerShell.Postprocessing;

/// <summary>
/// <para type="synopsis">Removes segments with fewer voxels than -MinSize (they become background).</para>
/// </summary>
[Cmdlet(VerbsCommon.Remove, "SmallSegment", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
[OutputType(PostprocessRecord.TypeName)]
public sealed class RemoveSmallSegmentCommand : SegMeasureWriterCmdlet
{
    [Parameter(Mandatory = true)]
    [ValidateRange(0.0, double.MaxValue)]
    public double MinSize { get; set; }

    /// <summary>Memory (GB) this step may use; a TIFF that would need more is processed band by band from file to file (same pixels).</summary>
    [Parameter]
    [ValidateRange(MemoryLimitRange.SmallestGB, MemoryLimitRange.LargestGB)]
    public double? MemoryLimitGB { get; set; }

    protected override string Activity => "Removing small segments";

    protected override void ProcessFile(string path)
    {
        if (ConfirmOutput(path) is not { } output) return;
        var (minSize, write) = (MinSize, WriteOptions);
        var limit = WholeImageLimit.FromGigabytes(MemoryLimitGB);
        WriteObject(PostprocessRecord.From(Run((_, ct) => PostprocessFile.FilterSmallSegments(path, output, minSize, write, ct, limit))));
    }
}
