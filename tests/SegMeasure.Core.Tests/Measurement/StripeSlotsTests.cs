using SegMeasure.Core.Images;
using SegMeasure.Core.Measurement;
using SegMeasure.Core.Measurement.Engine;

namespace SegMeasure.Core.Tests.Measurement;

public class StripeSlotsTests
{
    [Fact]
    public void A_stripe_numbers_labels_as_it_meets_them_and_background_has_no_slot()
    {
        var slots = new StripeSlots(stripeVoxels: 10);
        Assert.Equal(-1, slots.SlotOf(0));
        Assert.Equal(0, slots.SlotOf(5));
        Assert.Equal(1, slots.SlotOf(3_000_000));      // grows the table
        Assert.Equal(2, slots.SlotOf(4_000_000_000));  // beyond any table
        Assert.Equal(0, slots.SlotOf(5));
        Assert.Equal(1, slots.SlotOf(3_000_000));
        Assert.Equal(2, slots.SlotOf(4_000_000_000));
        Assert.Equal([5u, 3_000_000u, 4_000_000_000u], slots.Ids);
    }

    [Fact]
    public void Merging_stripes_numbers_labels_as_one_scan_would_and_maps_every_local_slot()
    {
        uint[][] bands = [[0, 9, 9, 4, 0, 4_000_000_000], [4, 7, 0, 9, 8, 7], [0, 0, 0, 0, 0, 0]];
        var stripes = bands.Select(band =>
        {
            var slots = new StripeSlots(band.Length);
            foreach (uint id in band) slots.SlotOf(id);
            return slots;
        }).ToArray();

        var merged = LabelSlots.Merge(stripes, bands.Sum(b => b.Length), out var toCommon);
        var whole = LabelSlots.Collect(new LabelImage(bands.SelectMany(b => b).ToArray(), ImageShape.Of2D(3, 6)));

        Assert.Equal(whole.Ids, merged.Ids);
        Assert.Equal([9u, 4u, 4_000_000_000u, 7u, 8u], merged.Ids);
        for (int s = 0; s < stripes.Length; s++)
        {
            Assert.Equal(stripes[s].Count, toCommon[s].Length);
            for (int local = 0; local < stripes[s].Count; local++)
                Assert.Equal(stripes[s].Ids[local], merged.Ids[toCommon[s][local]]);
        }
    }
}
