using System.Management.Automation;
using SegMeasure.Core.Batch;
using SegMeasure.Core.Postprocessing;

namespace SegMeasure.PowerShell.Postprocessing;

/// <summary>
/// <para type="synopsis">Matches nucleus and cytosol masks: keeps cells holding exactly one nucleus covered to -OverlapThreshold, with the same id in both outputs.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "MaskMatching", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
[OutputType(PostprocessRecord.MaskMatchingTypeName)]
public sealed class InvokeMaskMatchingCommand : SegMeasureWriterCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string CytosolPath { get; set; } = "";

    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double OverlapThreshold { get; set; } = MaskMatchingOptions.Default.OverlapThreshold;

    [Parameter] public double? NucleusMinSize { get; set; }
    [Parameter] public double? NucleusMaxSize { get; set; }
    [Parameter] public double? CytosolMinSize { get; set; }
    [Parameter] public double? CytosolMaxSize { get; set; }

    protected override string Activity => "Matching nucleus and cytosol masks";

    protected override void ProcessFile(string path)
    {
        if (ConfirmOutput(path) is not { } output) return;
        var options = new MaskMatchingOptions
        {
            OverlapThreshold = OverlapThreshold, NucleusMinSize = NucleusMinSize, NucleusMaxSize = NucleusMaxSize,
            CytosolMinSize = CytosolMinSize, CytosolMaxSize = CytosolMaxSize,
        };
        var (cytosol, write) = (ResolvePairedPath(CytosolPath), WriteOptions);
        var result = Run((_, ct) => PostprocessFile.MatchMasks(path, cytosol, output, OutputNaming.WithSuffix(output, "_cytosol"), options, write, ct));
        WriteObject(PostprocessRecord.From(result, PostprocessRecord.MaskMatchingTypeName));
    }
}
