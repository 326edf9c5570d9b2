using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Colocalization;

/// <summary>Turns filled rows into a <see cref="MeasurementTable"/> with the spec's COLUMNS in order.</summary>
internal static class ColocalizationTable
{
    public static MeasurementTable From(IReadOnlyList<RegionRow> rows)
    {
        DoubleColumn Doubles(string name, Func<RegionRow, double> pick) => new(name, rows.Select(pick).ToArray());
        return new MeasurementTable(
        [
            new IntegerColumn("region", rows.Select(r => r.Region)),
            new IntegerColumn("slice", rows.Select(r => (long?)r.Slice).ToArray()),
            new TextColumn("channel_a", rows.Select(r => (string?)r.ChannelA).ToArray()),
            new TextColumn("channel_b", rows.Select(r => (string?)r.ChannelB).ToArray()),
            new IntegerColumn("n_pixels", rows.Select(r => r.Pixels)),
            Doubles("pcc", r => r.Pcc),
            Doubles("pcc_pvalue", r => r.PccPValue),
            Doubles("srcc", r => r.Srcc),
            Doubles("srcc_pvalue", r => r.SrccPValue),
            Doubles("icq", r => r.Icq),
            Doubles("overlap", r => r.Overlap),
            Doubles("k1", r => r.K1),
            Doubles("k2", r => r.K2),
            Doubles("m1", r => r.M1),
            Doubles("m2", r => r.M2),
            Doubles("threshold_a", r => r.ThresholdA),
            Doubles("threshold_b", r => r.ThresholdB),
        ]);
    }
}
