using System.Management.Automation;
using SegMeasure.Core;
using SegMeasure.Core.Segmentation;

namespace SegMeasure.PowerShell.Segmentation;

/// <summary>
/// <para type="synopsis">Segments raw images into label masks (&lt;name&gt;_vSM[-suffix].ome.tif) with a log each; emits one object per mask whose Path pipes into Measure-*.</para>
/// </summary>
/// <remarks>
/// Inputs are gathered first and every output name is checked before any image is segmented,
/// so two inputs mapping to one output, or an existing output without -Force, change nothing.
/// </remarks>
[Cmdlet(VerbsLifecycle.Invoke, "SegSegmentation", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
[OutputType(SegmentationRecord.TypeName)]
public sealed class InvokeSegSegmentationCommand : SegMeasureCmdlet
{
    private static readonly SegmentationOptions Defaults = new();
    private readonly List<string> _inputs = [];

    [Parameter] public SegmentationMethod Method { get; set; } = Defaults.Method;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Model { get; set; }

    [Parameter]
    [ValidateRange(1.0, 10000.0)]
    public double Diameter { get; set; } = Defaults.Classical.Diameter;

    [Parameter]
    [ValidateRange(0.0, 30.0)]
    public double Sigma { get; set; } = Defaults.Classical.Sigma;

    /// <summary>Classical method: Local (above the local mean of a block of about three diameters, for uneven backgrounds) or Otsu (one global threshold).</summary>
    [Parameter]
    public ClassicalThreshold Threshold { get; set; } = Defaults.Classical.Threshold;

    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int MinSize { get; set; } = Defaults.Classical.MinSize;

    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int Channel { get; set; } = Defaults.Channel;

    /// <summary>First and last Z section (0-based, inclusive).</summary>
    [Parameter]
    [ValidateCount(2, 2)]
    public int[]? ZRange { get; set; }

    [Parameter] public ProjectionType Projection { get; set; } = Defaults.Projection;

    [Parameter]
    [ValidatePattern("^[a-zA-Z0-9-]*$")]
    public string Suffix { get; set; } = Defaults.Suffix;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? OutputDirectory { get; set; }

    [Parameter]
    [ValidateRange(1, 1024)]
    public int ThrottleLimit { get; set; } = Defaults.Jobs;

    [Parameter] public SwitchParameter Force { get; set; }

    protected override string Activity => "Segmenting";

    protected override void ProcessFile(string path) => _inputs.Add(path);

    protected override void EndProcessing()
    {
        var options = Options();
        var approved = Plan(options).Where(job => ShouldProcess(job.MaskPath, $"Segment {System.IO.Path.GetFileName(job.Input)}")).ToList();
        // One core call for the whole batch, so -ThrottleLimit files run at once; a bad file is one error.
        foreach (var (job, result, error) in approved.Count == 0 ? [] : Run((progress, ct) => BatchSegmentation.RunEach(approved, options, progress, ct)))
        {
            if (error is not null) WriteError(ErrorRecords.From(error, job.Input));
            else WriteObject(SegmentationRecord.From(result!));
        }

        base.EndProcessing();
    }

    private IReadOnlyList<SegmentationJob> Plan(SegmentationOptions options)
    {
        try
        {
            return BatchSegmentation.Plan(_inputs, options);
        }
        catch (SegMeasureException e)
        {
            ThrowTerminatingError(ErrorRecords.From(e, e.Path ?? string.Join(", ", _inputs)));
            throw;
        }
    }

    private SegmentationOptions Options() => new()
    {
        Method = Method,
        ModelPath = Model is null ? null : GetUnresolvedProviderPathFromPSPath(Model),
        Classical = new ClassicalSegmentationOptions { Diameter = Diameter, Sigma = Sigma, MinSize = MinSize, Threshold = Threshold },
        Channel = Channel,
        ZFirst = ZRange?[0],
        ZLast = ZRange?[1],
        Projection = Projection,
        Suffix = Suffix,
        OutputDirectory = OutputDirectory is null ? null : GetUnresolvedProviderPathFromPSPath(OutputDirectory),
        Jobs = ThrottleLimit,
        Force = Force.IsPresent,
    };
}
