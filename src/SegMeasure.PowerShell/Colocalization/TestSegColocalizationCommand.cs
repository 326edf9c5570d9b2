using System.Management.Automation;
using SegMeasure.Core.Colocalization;

namespace SegMeasure.PowerShell;

/// <summary>
/// <para type="synopsis">Tests whether two channels colocalise beyond chance with Costes' randomization test.</para>
/// <para type="description">One object per image pair: Observed (PCC), Null (PCC of each block-scrambled B), PValue and ZScore,
/// plus Path, ImageBPath and MaskPath.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "SegColocalization", DefaultParameterSetName = PathSet)]
[OutputType("SegMeasure.ColocalizationTest")]
public sealed class TestSegColocalizationCommand : SegMeasureCmdlet
{
    private static readonly RandomizationOptions Defaults = new();

    /// <summary>Channel B, paired with each channel A image.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string ImageBPath { get; set; } = "";

    /// <summary>Optional mask (non-zero = region analysed).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? MaskPath { get; set; }

    /// <summary>Number of scrambles.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int Iterations { get; set; } = Defaults.Iterations;

    /// <summary>Side of the scrambled blocks in pixels.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int BlockSize { get; set; } = Defaults.BlockSize;

    /// <summary>Random seed for reproducible runs.</summary>
    [Parameter]
    public int? Seed { get; set; }

    protected override string Activity => "Testing colocalization";

    protected override void ProcessFile(string path)
    {
        var imageB = ResolvePairedPath(ImageBPath);
        var mask = MaskPath is null ? null : ResolvePairedPath(MaskPath);
        var result = ColocalizationFiles.Randomization(path, imageB, mask, new RandomizationOptions { Iterations = Iterations, BlockSize = BlockSize, Seed = Seed }, StoppingToken);
        var record = new PSObject(result);
        record.TypeNames.Insert(0, "SegMeasure.ColocalizationTest");
        record.Properties.Add(new PSNoteProperty("Path", path));
        record.Properties.Add(new PSNoteProperty("ImageBPath", imageB));
        record.Properties.Add(new PSNoteProperty("MaskPath", mask));
        WriteObject(record);
    }
}
