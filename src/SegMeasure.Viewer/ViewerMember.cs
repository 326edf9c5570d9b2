using SegMeasure.Core.Tables;

namespace SegMeasure.Viewer;

/// <summary>
/// One file of a viewer session: a segmentation, optionally its intensity image and nucleus
/// segmentation (paired by position, as the spec's groups), a display name, and its features
/// table (one row per segment, keyed by <c>index</c>). Without a table the viewer measures the
/// segmentation's morphology so every object has a row.
/// </summary>
public sealed record ViewerMember(string SegmentationPath, string? IntensityPath = null, string? NucleusPath = null,
    string? Name = null, MeasurementTable? Table = null)
{
    public string DisplayName => Name ?? Path.GetFileName(SegmentationPath);
}
