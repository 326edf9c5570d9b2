using SegMeasure.Core.Images;

namespace SegMeasure.Core.Postprocessing;

/// <summary>A post-processed label image and how many segments it held before and after.</summary>
public sealed record PostprocessResult(LabelImage Image, int SegmentsBefore, int SegmentsAfter);
