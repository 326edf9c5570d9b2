using System.Management.Automation;
using SegMeasure.Core.Colocalization;

namespace SegMeasure.PowerShell;

/// <summary>
/// <para type="synopsis">Tests whether two channels colocalise beyond chance with Costes' randomization test.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "SegColocalization", DefaultParameterSetName = PathSet)]
[OutputType("SegMeasure.ColocalizationTest")]
public sealed class TestSegColocalizationCommand : ChannelPairCmdlet
{
    private static readonly RandomizationOptions Defaults = new();

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

    protected override void ProcessPair(string path, string imageB, string? mask)
    {
        var result = ColocalizationFiles.Randomization(path, imageB, mask, new RandomizationOptions { Iterations = Iterations, BlockSize = BlockSize, Seed = Seed }, StoppingToken);
        var record = new PSObject(result);
        record.TypeNames.Insert(0, "SegMeasure.ColocalizationTest");
        record.Properties.Add(new PSNoteProperty("Path", path));
        record.Properties.Add(new PSNoteProperty("ImageBPath", imageB));
        record.Properties.Add(new PSNoteProperty("MaskPath", mask));
        WriteObject(record);
    }
}
