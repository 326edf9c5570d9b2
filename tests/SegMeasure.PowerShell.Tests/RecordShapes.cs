using SegMeasure.Core.Analysis.Classifiers;
using SegMeasure.Core.Measurement;

namespace SegMeasure.PowerShell.Tests;

/// <summary>
/// The properties the objects of each emitted type name carry: the table's columns under the
/// spec's names, then Path and the paired paths the cmdlet adds; for objects that are core
/// results (image info, classifier model), the core type's public properties. Format views and
/// type data may name only these.
/// </summary>
public static class RecordShapes
{
    public static readonly IReadOnlyDictionary<string, IReadOnlySet<string>> ByTypeName = new Dictionary<string, IReadOnlySet<string>>
    {
        // Measurement records: the core's columns (the spec's names) plus the paths the cmdlet adds.
        ["SegMeasure.Intensity"] = Set([.. IntensityMeasurement.Columns, "sum_intensity", "Path", "IntensityPath"]),
        ["SegMeasure.Morphology"] = Set([.. MorphologyMeasurement.Columns2D, .. MorphologyMeasurement.Columns3D, "Path"]),
        ["SegMeasure.CellNucleus"] = Set([
            .. CellNucleusMeasurement.ColumnsFor(is2D: true, withIntensity: true),
            .. CellNucleusMeasurement.ColumnsFor(is2D: false, withIntensity: true),
            "Path", "NucleusPath", "IntensityPath"]),
        // Colocalization records: the core's columns plus the paired paths.
        ["SegMeasure.Colocalization"] = Set([.. SegMeasure.Core.Colocalization.ColocalizationColumns.Names, "Path", "ImageBPath", "SegmentationPath"]),
        ["SegMeasure.ObjectColocalization"] = Set(
            "channel", "object", "n_pixels", "centroid", "coincident", "overlap", "nn_distance_px", "centroid_z", "centroid_y", "centroid_x", "nn_distance",
            "Path", "ImageBPath", "MaskPath"),
        ["SegMeasure.CrossCorrelation"] = Set("shift", "pcc", "peak_shift", "Path", "ImageBPath", "MaskPath"),
        // Written by the post-processing cmdlets' record builder (src/SegMeasure.PowerShell/Postprocessing).
        ["SegMeasure.PostprocessResult"] = Set(
            "Path", "OutputPath", "SegmentsBefore", "SegmentsAfter", "PairedPath", "PairedOutputPath", "Rejected", "RejectedByReason", "Rejections"),
        ["SegMeasure.ShapeFilterResult"] = Set(
            "Path", "OutputPath", "SegmentsBefore", "SegmentsAfter", "PairedPath", "Rejected", "RejectedByReason", "Rejections"),
        ["SegMeasure.MaskMatchingResult"] = Set(
            "Path", "OutputPath", "SegmentsBefore", "SegmentsAfter", "PairedPath", "PairedOutputPath", "Rejected", "RejectedByReason", "Rejections"),
        // Written by Invoke-SegSegmentation (src/SegMeasure.PowerShell/Segmentation).
        ["SegMeasure.SegmentationResult"] = Set("Input", "Path", "LogPath", "ObjectsPerFrame", "Seconds", "Warnings"),
        // A manifest row: Path, the paired files, then the manifest's own columns (any names).
        ["SegMeasure.ManifestItem"] = Set("Path", "NucleusPath", "IntensityPath"),
        ["SegMeasure.ClusterJob"] = Set("ArrayJobId", "MergeJobId", "JobDirectory", "StatusLog", "ArrayScriptPath", "MergeScriptPath", "ArrayScript", "MergeScript"),
        ["SegMeasure.ImageInfo"] = CoreProperties("SegMeasure.Core.Images.ImageInfo"),
        ["SegMeasure.Classifier"] = CoreProperties("SegMeasure.Core.Analysis.Classifiers.ClassifierModel"),
    };

    /// <summary>Public properties of a core type, looked up by name so a type not yet in the core yields an empty shape.</summary>
    private static IReadOnlySet<string> CoreProperties(string fullName) =>
        Set(typeof(SegMeasure.Core.SegMeasureException).Assembly.GetType(fullName)?.GetProperties().Select(p => p.Name).ToArray() ?? []);

    private static IReadOnlySet<string> Set(params string[] names) => names.ToHashSet(StringComparer.Ordinal);
}
