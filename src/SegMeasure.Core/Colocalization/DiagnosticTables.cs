using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Colocalization;

/// <summary>The diagnostics as tables, so every table writer (CSV, TSV, XLSX) can write them; summaries repeat on every row.</summary>
public static class DiagnosticTables
{
    /// <summary>Columns <c>iteration, null_pcc, observed, p_value, z_score</c>.</summary>
    public static MeasurementTable Of(RandomizationResult result)
    {
        int n = result.Null.Count;
        return new MeasurementTable(
        [
            new IntegerColumn("iteration", Enumerable.Range(0, n).Select(i => (long)i)),
            new DoubleColumn("null_pcc", result.Null.ToArray()),
            new DoubleColumn("observed", Enumerable.Repeat(result.Observed, n).ToArray()),
            new DoubleColumn("p_value", Enumerable.Repeat(result.PValue, n).ToArray()),
            new DoubleColumn("z_score", Enumerable.Repeat(result.ZScore, n).ToArray()),
        ]);
    }

    /// <summary>Columns <c>shift, pcc, peak_shift</c> (peak_shift empty when no value is finite).</summary>
    public static MeasurementTable Of(CrossCorrelationResult result)
    {
        int n = result.Shifts.Count;
        return new MeasurementTable(
        [
            new IntegerColumn("shift", result.Shifts.Select(s => (long)s)),
            new DoubleColumn("pcc", result.Values.ToArray()),
            new IntegerColumn("peak_shift", Enumerable.Repeat((long?)result.PeakShift, n).ToArray()),
        ]);
    }

    /// <summary>Columns <c>a, b, product, icq</c>: one row per pixel of the region.</summary>
    public static MeasurementTable Of(IntensityCorrelationResult result)
    {
        int n = result.A.Count;
        return new MeasurementTable(
        [
            new DoubleColumn("a", result.A.ToArray()),
            new DoubleColumn("b", result.B.ToArray()),
            new DoubleColumn("product", result.Products.ToArray()),
            new DoubleColumn("icq", Enumerable.Repeat(result.Icq, n).ToArray()),
        ]);
    }
}
