namespace SegMeasure.Core.Measurement.Engine;

/// <summary>Rows [FirstRow, EndRow) of the volume, the band numbered <paramref name="Index"/> (see <see cref="Stripes"/>).</summary>
internal readonly record struct Stripe(int Index, int FirstRow, int EndRow);
