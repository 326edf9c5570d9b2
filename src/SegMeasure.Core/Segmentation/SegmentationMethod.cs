namespace SegMeasure.Core.Segmentation;

/// <summary>How raw images are segmented.</summary>
public enum SegmentationMethod
{
    /// <summary>Weight-free: smoothing, Otsu, distance-peak seeds, watershed (<see cref="ClassicalSegmentationOptions"/>).</summary>
    Classical,

    /// <summary>A Cellpose network exported to ONNX (Stringer et al. 2021).</summary>
    Cellpose,

    /// <summary>Segment Anything for Microscopy: out of scope, refused with a clear error.</summary>
    MicroSam,
}
