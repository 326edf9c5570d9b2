using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Colocalization;

/// <summary>
/// The rows of a colocalization run (columns <see cref="ColocalizationColumns.Names"/>) and one
/// human-readable warning per region and channel pair for which a requested metric could not be
/// computed. Warnings are data: the affected cells are NaN and the run still succeeds.
/// </summary>
public sealed record ColocalizationResult(MeasurementTable Table, IReadOnlyList<string> Warnings);
