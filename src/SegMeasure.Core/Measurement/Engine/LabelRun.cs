namespace SegMeasure.Core.Measurement.Engine;

/// <summary>Voxels first..last (inclusive) of one row (in Z·Y row order) belong to the label in <paramref name="Slot"/>.</summary>
internal readonly record struct LabelRun(int Slot, int Row, int First, int Last);
