using System.Management.Automation;
using SegMeasure.Core.Postprocessing;

namespace SegMeasure.PowerShell.Postprocessing;

/// <summary>
/// <para type="synopsis">Rejects segments by area, eccentricity, solidity, extent, compactness, convexity deficit and perimeter/√area, and renumbers the rest from 1.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "ShapeFilter", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
[OutputType(PostprocessRecord.ShapeFilterTypeName)]
public sealed class InvokeShapeFilterCommand : SegMeasureWriterCmdlet
{
    /// <summary>A feature table of the same image; by default the features are measured as regionprops does.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? FeaturePath { get; set; }

    [Parameter] public string MinArea { get; set; } = ShapeFilterOptions.Default.MinArea.ToString();
    [Parameter] public double? MinAbsoluteArea { get; set; } = ShapeFilterOptions.Default.MinAbsoluteArea;
    [Parameter] public double? MaxArea { get; set; }
    [Parameter] public double? MaxEccentricity { get; set; }
    [Parameter] public double? MinSolidity { get; set; }
    [Parameter] public double? MaxSolidity { get; set; }
    [Parameter] public double? MinExtent { get; set; }
    [Parameter] public double? MaxExtent { get; set; }
    [Parameter] public double? MinCompactness { get; set; }
    [Parameter] public double? MaxConvexityDeficit { get; set; } = ShapeFilterOptions.Default.MaxConvexityDeficit;
    [Parameter] public double? MaxPerimeterAreaRatio { get; set; }
    [Parameter] public double? AreaStdFilter { get; set; }

    protected override string Activity => "Filtering segments by shape";

    protected override void ProcessFile(string path)
    {
        if (ConfirmOutput(path) is not { } output) return;
        var options = new ShapeFilterOptions
        {
            MinArea = AreaThreshold.Parse(MinArea), MinAbsoluteArea = MinAbsoluteArea, MaxArea = MaxArea,
            MaxEccentricity = MaxEccentricity, MinSolidity = MinSolidity, MaxSolidity = MaxSolidity,
            MinExtent = MinExtent, MaxExtent = MaxExtent, MinCompactness = MinCompactness,
            MaxConvexityDeficit = MaxConvexityDeficit, MaxPerimeterAreaRatio = MaxPerimeterAreaRatio, AreaStdFilter = AreaStdFilter,
        };
        var (features, write) = (FeaturePath is null ? null : ResolvePairedPath(FeaturePath), WriteOptions);
        WriteObject(PostprocessRecord.From(Run((_, ct) => PostprocessFile.ShapeFilter(path, features, output, options, write, ct)), PostprocessRecord.ShapeFilterTypeName));
    }
}
