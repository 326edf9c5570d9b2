using SegMeasure.Core.Segmentation.Cellpose;

namespace SegMeasure.Core.Segmentation;

/// <summary>
/// Everything a batch segmentation run is told (the spec's "Segmentation module" parameters).
/// The defaults here are the ones the CLI and the cmdlet show.
/// </summary>
public sealed record SegmentationOptions
{
    public SegmentationMethod Method { get; init; } = SegmentationMethod.Classical;

    /// <summary>Parameters of the classical method.</summary>
    public ClassicalSegmentationOptions Classical { get; init; } = new();

    /// <summary>The ONNX model file (Cellpose method).</summary>
    public string? ModelPath { get; init; }

    /// <summary>Parameters of the Cellpose method.</summary>
    public CellposeOptions Cellpose { get; init; } = new();

    /// <summary>The inputs are flows files saved by <see cref="CellposeOptions.SaveFlows"/>: masks are recomputed from them
    /// with Cellpose's dynamics, without the network (whatever <see cref="Method"/> says).</summary>
    public bool FromFlows { get; init; }

    /// <summary>0-based channel used when the image has a C axis.</summary>
    public int Channel { get; init; }

    /// <summary>First and last Z section (0-based, inclusive) to project; null = from the first / to the last.</summary>
    public int? ZFirst { get; init; }

    public int? ZLast { get; init; }

    public ProjectionType Projection { get; init; } = ProjectionType.Max;

    /// <summary>User suffix after <c>_vSM-</c>; only a-z, A-Z, 0-9 and '-'. Empty = none.</summary>
    public string Suffix { get; init; } = "";

    /// <summary>Folder for all outputs; null = beside each input.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Text a file name found in a folder or by a pattern must contain (for example <c>_BF</c>); null or empty = any.</summary>
    public string? NameFilter { get; init; }

    /// <summary>Replace existing outputs.</summary>
    public bool Force { get; init; }

    /// <summary>Files segmented at once.</summary>
    public int Jobs { get; init; } = 1;
}
