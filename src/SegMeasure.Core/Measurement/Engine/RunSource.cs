namespace SegMeasure.Core.Measurement.Engine;

/// <summary>
/// Visits the runs of one stripe, reporting only voxels that belong to a group (key ≥ 0).
/// Grouping by runs keeps per-voxel work to a comparison and makes lookups per run.
/// </summary>
internal delegate void RunSource(Stripe stripe, RunVisitor visit);
