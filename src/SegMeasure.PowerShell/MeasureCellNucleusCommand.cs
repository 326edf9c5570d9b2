using System.Management.Automation;
using SegMeasure.Core.Measurement;
using SegMeasure.Core.Postprocessing;

namespace SegMeasure.PowerShell;

/// <summary>
/// <para type="synopsis">Measures cells together with their nuclei: nucleus count, sizes and ratios, and optionally intensities.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Measure, "CellNucleus", DefaultParameterSetName = PathSet)]
[OutputType("SegMeasure.CellNucleus")]
public sealed class MeasureCellNucleusCommand : SegMeasureCmdlet
{
    /// <summary>The nucleus segmentation paired with each cell segmentation.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string NucleusPath { get; set; } = "";

    /// <summary>Optional intensity image paired with each cell segmentation.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? IntensityPath { get; set; }

    /// <summary>Physical pixel/voxel size; overrides the file's calibration.</summary>
    [Parameter]
    [ValidateCount(1, 3)]
    public double[]? Scale { get; set; }

    /// <summary>Which cells a nucleus counts for.</summary>
    [Parameter]
    public NucleusAssignment Assignment { get; set; } = CellNucleusOptions.Default.Assignment;

    /// <summary>Minimum fraction of a nucleus inside a cell for it to count there.</summary>
    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double MinimumOverlapFraction { get; set; }

    /// <summary>Memory (GB) the measurement may take; a TIFF that would need more is measured band by band from the file (same table).</summary>
    [Parameter]
    [ValidateRange(MemoryLimitRange.SmallestGB, MemoryLimitRange.LargestGB)]
    public double? MemoryLimitGB { get; set; }

    protected override string Activity => "Measuring cells and nuclei";

    protected override void ProcessFile(string path)
    {
        var nucleus = ResolvePairedPath(NucleusPath);
        var intensity = string.IsNullOrEmpty(IntensityPath) ? null : ResolvePairedPath(IntensityPath);
        var options = new CellNucleusOptions { MemoryLimit = WholeImageLimit.FromGigabytes(MemoryLimitGB), Scale = Scale, Assignment = Assignment, MinimumOverlapFraction = MinimumOverlapFraction };
        var table = Run((progress, ct) => MeasurementFiles.CellNucleus(path, nucleus, intensity, options, progress, ct));
        WriteRows(table, "SegMeasure.CellNucleus", ("Path", path), ("NucleusPath", nucleus), ("IntensityPath", intensity));
    }
}
