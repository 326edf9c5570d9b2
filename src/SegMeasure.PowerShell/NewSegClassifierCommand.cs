using System.Management.Automation;
using SegMeasure.Core;
using SegMeasure.Core.Analysis;
using SegMeasure.Core.Analysis.Classifiers;
using SegMeasure.Core.Tables;

namespace SegMeasure.PowerShell;

/// <summary>
/// <para type="synopsis">Trains a random forest or logistic regression classifier on annotated measurement records.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "SegClassifier", SupportsShouldProcess = true)]
[Alias("Train-SegClassifier")]
[OutputType("SegMeasure.Classifier")]
public sealed class NewSegClassifierCommand : TableCmdlet
{
    private ClassifierModel? _model;

    [Parameter]
    [ValidateSet("random_forest", "logistic_regression")]
    public string Method { get; set; } = ClassifierOptions.Default.Method.ToName();

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string AnnotationColumn { get; set; } = Classification.DefaultAnnotationColumn;

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int NEstimators { get; set; } = ClassifierOptions.Default.Estimators;

    /// <summary>0 = unlimited.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int MaxDepth { get; set; }

    [Parameter]
    public double C { get; set; } = ClassifierOptions.Default.C;

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int MaxIter { get; set; } = ClassifierOptions.Default.MaxIterations;

    [Parameter]
    public int Seed { get; set; } = ClassifierOptions.Default.Seed;

    /// <summary>Saves the model to this JSON file.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? OutFile { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override bool EmitsRecords => false;

    protected override MeasurementTable Process(MeasurementTable table)
    {
        var outFile = OutFile is null ? null : GetUnresolvedProviderPathFromPSPath(OutFile);
        OutputFile.RefuseExisting(Force, outFile); // before training, not after it
        var (annotation, options) = (AnnotationColumn, new ClassifierOptions
        {
            Method = ClassifierMethodNames.Parse(Method),
            Estimators = NEstimators,
            MaxDepth = MaxDepth,
            C = C,
            MaxIterations = MaxIter,
            Seed = Seed,
        });
        _model = Run((progress, ct) => Classification.Train(table, annotation, options, progress, ct));
        if (_model.Training.SkippedRows > 0)
            WriteWarning($"{_model.Training.SkippedRows} annotated row(s) have a NaN or infinite feature value and were left out of training");
        if (outFile is not null && ShouldProcess(outFile, "Save classifier"))
            _model.Save(outFile, overwrite: Force);
        return table;
    }

    protected override void EndProcessing()
    {
        base.EndProcessing();
        if (_model is null) return;
        var record = PSObject.AsPSObject(_model);
        record.TypeNames.Insert(0, "SegMeasure.Classifier");
        WriteObject(record);
    }
}
