using System.Management.Automation;
using SegMeasure.Core;
using SegMeasure.Core.Segmentation;
using SegMeasure.Core.Segmentation.Cellpose;

namespace SegMeasure.PowerShell.Segmentation;

/// <summary>
/// <para type="synopsis">Segments raw images into label masks (&lt;name&gt;_vSM[-suffix].ome.tif) with a log each; emits one object per mask whose Path pipes into Measure-*.</para>
/// </summary>
/// <remarks>
/// The Flows parameter set (-FlowsPath) recomputes Cellpose masks from flows saved with -SaveFlows,
/// without the network. Inputs are gathered first and every output name is checked before any image is segmented,
/// so two inputs mapping to one output, or an existing output without -Force, change nothing.
/// </remarks>
[Cmdlet(VerbsLifecycle.Invoke, "SegSegmentation", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
[OutputType(SegmentationRecord.TypeName)]
public sealed class InvokeSegSegmentationCommand : SegMeasureCmdlet
{
    internal const string FlowsSet = "Flows";
    private static readonly SegmentationOptions Defaults = new();
    private readonly List<string> _inputs = [];

    [Parameter] public SegmentationMethod Method { get; set; } = Defaults.Method;

    /// <summary>The Cellpose network exported to ONNX.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Model")]
    [ValidateNotNullOrEmpty]
    public string? ModelPath { get; set; }

    /// <summary>Flows files saved with -SaveFlows: masks are recomputed from them (Cellpose's dynamics, no network).</summary>
    [Parameter(Mandatory = true, ParameterSetName = FlowsSet)]
    [ValidateNotNullOrEmpty]
    public string[] FlowsPath { get; set; } = [];

    [Parameter]
    [ValidateRange(-100.0, 100.0)]
    public double CellprobThreshold { get; set; } = Defaults.Cellpose.Masks.CellProbabilityThreshold;

    [Parameter]
    [ValidateRange(0.0, 100.0)]
    public double FlowThreshold { get; set; } = Defaults.Cellpose.Masks.FlowThreshold;

    /// <summary>Also write the Cellpose flows and cell probability (&lt;name&gt;_vSM[-suffix]_flows.tif).</summary>
    [Parameter] public SwitchParameter SaveFlows { get; set; }

    /// <summary>Try ONNX Runtime's CUDA provider; without it the CPU runs, with a warning.</summary>
    [Parameter] public SwitchParameter UseGpu { get; set; }

    /// <summary>Cellpose: size model (JSON); without -Diameter the diameter is estimated from each image.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? SizeModelPath { get; set; }

    /// <summary>Cellpose: Euler steps of flow following; unset, Cellpose's 200 / rescale.</summary>
    [Parameter]
    [ValidateRange(1, 100000)]
    public int? Niter { get; set; }

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
        var options = SegmentationParameters.Options(this);
        var approved = Plan(options, SegmentationParameters.Inputs(this, _inputs)).Where(job => ShouldProcess(job.MaskPath, $"Segment {System.IO.Path.GetFileName(job.Input)}")).ToList();
        // One core call for the whole batch, so -ThrottleLimit files run at once; a bad file is one error. Each file's
        // record goes down the pipeline as soon as it is segmented, so Measure-* can start on it.
        if (approved.Count > 0)
            RunStreaming<object?, (SegmentationJob Job, SegmentationResult? Result, SegMeasureException? Error)>(
                (progress, emit, ct) => BatchSegmentation.RunEach(approved, options, progress, ct, emit), outcome => Emit(outcome.Job, outcome.Result, outcome.Error));

        base.EndProcessing();
    }

    /// <summary>A failed file as one error; a segmented one as its record, after its warnings (a GPU that was not usable).</summary>
    private void Emit(SegmentationJob job, SegmentationResult? result, SegMeasureException? error)
    {
        if (error is not null)
        {
            WriteError(ErrorRecords.From(error, job.Input));
            return;
        }

        foreach (var warning in result!.Warnings) WriteWarning($"{job.Input}: {warning}");
        WriteObject(SegmentationRecord.From(result));
    }

    private IReadOnlyList<SegmentationJob> Plan(SegmentationOptions options, IReadOnlyList<string> inputs)
    {
        try
        {
            return BatchSegmentation.Plan(inputs, options);
        }
        catch (SegMeasureException e)
        {
            ThrowTerminatingError(ErrorRecords.From(e, e.Path ?? string.Join(", ", inputs)));
            throw;
        }
    }
}
