using System.Management.Automation;

namespace SegMeasure.PowerShell;

/// <summary>
/// <para type="synopsis">Opens segmentations and their measurement records in the interactive viewer, in the browser, and waits until Done.</para>
/// <para type="description">Takes segmentation paths (Get-ChildItem) or measure records grouped by Path, with -IntensityPath and
/// -NucleusPath paired per file (delay-bind script blocks work). Serves the viewer on 127.0.0.1 with a per-session token, opens the
/// default browser unless -NoBrowser, writes the address to the information stream and blocks until the page's Done button or
/// Ctrl+C. -PassThru then emits every row with the viewer's columns: annotation, category_id, category_name, cluster_id,
/// classification_id and classification_name.</para>
/// </summary>
[Cmdlet(VerbsCommon.Show, "SegViewer", DefaultParameterSetName = PathSet)]
[OutputType("System.Management.Automation.PSObject")]
public sealed class ShowSegViewerCommand : SegMeasureCmdlet
{
    private ViewerCall? _call;

    /// <summary>A measure record (its Path names the segmentation) or a file; records become the features table.</summary>
    [Parameter(ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    /// <summary>The intensity image paired with each segmentation.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? IntensityPath { get; set; }

    /// <summary>The nucleus segmentation paired with each segmentation.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? NucleusPath { get; set; }

    /// <summary>The group's name (the spec's default: opened_files).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string GroupName { get; set; } = Viewer.ViewerOptions.DefaultGroupName;

    /// <summary>Shows one file at a time instead of a grid.</summary>
    [Parameter]
    public SwitchParameter NoGrid { get; set; }

    /// <summary>Only writes the address; does not open the default browser.</summary>
    [Parameter]
    public SwitchParameter NoBrowser { get; set; }

    /// <summary>Emits every row with the viewer's columns after Done.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override string Activity => "Opening the viewer";

    protected override void ProcessFile(string path) =>
        (_call ??= new ViewerCall(this)).Add(path, Paired(IntensityPath), Paired(NucleusPath), InputObject);

    protected override void EndProcessing()
    {
        base.EndProcessing();
        _call?.Run(new Viewer.ViewerOptions { GroupName = GroupName, Grid = !NoGrid }, !NoBrowser, PassThru, StoppingToken);
    }

    private string? Paired(string? path) => string.IsNullOrEmpty(path) ? null : ResolvePairedPath(path);
}
