namespace SegMeasure.Core.Measurement.Engine;

/// <summary>Voxels [Start, Start + Length) of the flattened image belong to group <paramref name="Group"/>.</summary>
internal readonly record struct GroupRun(int Group, int Start, int Length);
