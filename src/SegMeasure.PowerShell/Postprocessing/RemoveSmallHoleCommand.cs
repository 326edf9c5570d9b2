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

    protected override string Activity => "Filling small holes";

    protected override void ProcessFile(string path)
    {
        if (ConfirmOutput(path) is not { } output) return;
        var (maxHoleSize, force) = (MaxHoleSize, Overwrite);
        WriteObject(PostprocessRecord.From(Run((_, ct) => PostprocessFile.RemoveSmallHoles(path, output, maxHoleSize, force, ct))));
    }
}
