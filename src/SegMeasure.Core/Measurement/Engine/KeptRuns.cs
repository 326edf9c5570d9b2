namespace SegMeasure.Core.Measurement.Engine;

/// <summary>The runs one stripe kept, their slots being the stripe's own, and the common slot of each of those.</summary>
internal sealed record KeptRuns(RunLog<LabelRun> Runs, int[] ToCommon);
