using System.Management.Automation;
using SegMeasure.Core.Analysis;
using SegMeasure.Core.Analysis.Classifiers;
using SegMeasure.Core.Tables;

namespace SegMeasure.PowerShell;

/// <summary>
/// <para type="synopsis">Applies a trained classifier to measurement records: adds classification_id and classification_name.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "SegClassifier", SupportsShouldProcess = true, DefaultParameterSetName = ModelSet)]
[OutputType(typeof(PSObject))]
public sealed class InvokeSegClassifierCommand : PaintingTableCmdlet
{
    private const string ModelSet = "Model";
    private const string ModelPathSet = "ModelPath";

    [Parameter(Mandatory = true, ParameterSetName = ModelSet)]
    public ClassifierModel? Model { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ModelPathSet)]
    [Alias("Classifier")]
    [ValidateNotNullOrEmpty]
    public string? ModelPath { get; set; }

    /// <summary>Names for the classes in ascending class-id order; missing ones are class_&lt;id&gt;.</summary>
    [Parameter]
    [Alias("ClassName")]
    public string[]? ClassNames { get; set; }

    protected override MeasurementTable Process(MeasurementTable table)
    {
        var model = Model ?? ClassifierModel.Load(GetUnresolvedProviderPathFromPSPath(ModelPath!));
        var result = Classification.Apply(table, model, ClassNames);
        if (result.SkipMessage is { } skipped) WriteWarning(skipped);
        PaintIfRequested(result.Table, Classification.IdColumn);
        return result.Table;
    }
}
