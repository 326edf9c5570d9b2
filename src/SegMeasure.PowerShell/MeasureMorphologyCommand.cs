using System.Management.Automation;
using SegMeasure.Core.Measurement;
using SegMeasure.Core.Postprocessing;

namespace SegMeasure.PowerShell;

/// <summary>
/// <para type="synopsis">Measures per-segment shape descriptors in physical units.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Measure, "Morphology", DefaultParameterSetName = PathSet)]
[OutputType("SegMeasure.Morphology")]
public sealed class MeasureMorphologyCommand : SegMeasureCmdlet
{
    /// <summary>Physical pixel/voxel size; overrides the file's calibration.</summary>
    [Parameter]
    [ValidateCount(1, 3)]
    public double[]? Scale { get; set; }

    /// <summary>Adds the optional shape columns.</summary>
    [Parameter]
    public SwitchParameter ShapeExtras { get; set; }

    /// <summary>Reference (as the Python tool) or Exact (physical pixel geometry) 2D perimeter.</summary>
    [Parameter]
    public PerimeterMethod PerimeterMethod { get; set; } = MorphologyOptions.Default.PerimeterMethod;

    /// <summary>Memory (GB) the measurement may take; a TIFF that would need more is measured band by band from the file (same table).</summary>
    [Parameter]
    [ValidateRange(MemoryLimitRange.SmallestGB, MemoryLimitRange.LargestGB)]
    public double? MemoryLimitGB { get; set; }

    protected override string Activity => "Measuring morphology";

    protected override void ProcessFile(string path)
    {
        var options = new MorphologyOptions { MemoryLimit = WholeImageLimit.FromGigabytes(MemoryLimitGB), Scale = Scale, IncludeShapeExtras = ShapeExtras, PerimeterMethod = PerimeterMethod };
        WriteRows(Run((progress, ct) => MeasurementFiles.Morphology(path, options, progress, ct)), "SegMeasure.Morphology", ("Path", path));
    }
}
