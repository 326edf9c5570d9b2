using System.Management.Automation;
using SegMeasure.Core.Postprocessing;

namespace SegMeasure.PowerShell.Postprocessing;

/// <summary>
/// <para type="synopsis">Fills holes of each segment up to -MaxHoleSize voxels (inclusive); other segments are never overwritten.</para>
/// </summary>
[Cmdlet(VerbsCommon.Remove, "SmallHole", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
[OutputType(PostprocessRecord.TypeName)]
public sealed class RemoveSmallHoleCommand : SegMeasureWriterCmdlet
{
    [Parameter(Mandatory = true)]
    [ValidateRange(0.0, double.MaxValue)]
    public double MaxHoleSize { get; set; }

    /// <summary>Largest memory (GB) this whole-image step may use; larger images are refused before they are read.</summary>
    [Parameter]
    [ValidateRange(MemoryLimitRange.SmallestGB, MemoryLimitRange.LargestGB)]
    public double? MemoryLimitGB { get; set; }

    protected override string Activity => "Filling small holes";

    protected override void ProcessFile(string path)
    {
        if (ConfirmOutput(path) is not { } output) return;
        var (maxHoleSize, write) = (MaxHoleSize, WriteOptions);
        var limit = WholeImageLimit.FromGigabytes(MemoryLimitGB);
        WriteObject(PostprocessRecord.From(Run((_, ct) => PostprocessFile.RemoveSmallHoles(path, output, maxHoleSize, write, ct, limit))));
    }
}
