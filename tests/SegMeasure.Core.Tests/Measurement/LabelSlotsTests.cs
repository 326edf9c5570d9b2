using SegMeasure.Core.Images;
using SegMeasure.Core.Measurement;
using SegMeasure.Core.Measurement.Engine;

namespace SegMeasure.Core.Tests.Measurement;

public class LabelSlotsTests
{
    [Fact]
    public void Numbers_slots_by_first_appearance_and_lists_rows_by_id()
    {
        uint[] row = [0, 7, 7, 3, 0, 9, 3, 7, 0];
        var slots = LabelSlots.Collect(new LabelImage(row, ImageShape.Of2D(1, row.Length)));

        Assert.Equal([7u, 3u, 9u], slots.Ids);
        Assert.Equal([3u, 7u, 9u], slots.SortedIds);
        Assert.Equal([1, 0, 2], slots.SlotsByIdOrder);
        Assert.Equal(["three", "seven", "nine"], slots.InIdOrder(new[] { "seven", "three", "nine" }));
        Assert.Equal(1, slots.SlotOf(3));
        Assert.Equal(-1, slots.SlotOf(0));
        Assert.Equal(-1, slots.SlotOf(4));
        Assert.Equal(-1, slots.SlotOf(1000));
    }

    [Theory]
    [InlineData(50u)]              // direct lookup table
    [InlineData(4_000_000_000u)]   // ids too large for a table: binary search
    public void Every_id_maps_to_its_own_slot_across_stripes_and_repeatably(uint idScale)
    {
        var rng = new Random(3);
        const int height = 97, width = 61;
        var data = new uint[height * width];
        for (int i = 0; i < data.Length; i++)
            data[i] = rng.Next(4) == 0 ? 0 : (uint)(rng.Next(1, 41) * (idScale / 50));
        var image = new LabelImage(data, ImageShape.Of2D(height, width));

        var slots = LabelSlots.Collect(image);
        var present = data.Where(v => v != 0).Distinct().OrderBy(v => v).ToArray();

        Assert.Equal(present, slots.SortedIds);
        Assert.Equal(present.Length, slots.Ids.Distinct().Count());
        foreach (uint id in present) Assert.Equal(id, slots.Ids[slots.SlotOf(id)]);
        // The first label in the image takes slot 0, whatever the stripes.
        Assert.Equal(data.First(v => v != 0), slots.Ids[0]);
        Assert.Equal(slots.Ids, LabelSlots.Collect(image).Ids);
    }

    [Theory]
    [InlineData(false)] // ids that grow the seen-set several times over
    [InlineData(true)]  // and, part way through, one too large for it
    public void Slots_follow_raster_first_appearance_whatever_ids_turn_up_late(bool withHugeId)
    {
        var rng = new Random(11);
        const int height = 64, width = 50;
        var data = new uint[height * width];
        for (int i = 0; i < data.Length; i++)
        {
            // Ids grow down the image, so every band meets ever larger ones after smaller ones.
            uint small = (uint)rng.Next(1, 30), large = (uint)(i * 3_000 + rng.Next(1_000));
            data[i] = rng.Next(5) switch { 0 => 0, 1 or 2 => small, _ => large };
        }

        if (withHugeId)
            foreach (int i in new[] { 700, 701, 2_900, 3_100 }) data[i] = 4_000_000_000;
        var slots = LabelSlots.Collect(new LabelImage(data, ImageShape.Of2D(height, width)));

        var inRasterOrder = data.Where(v => v != 0).Distinct().ToArray();
        Assert.Equal(inRasterOrder, slots.Ids);
        Assert.Equal(inRasterOrder.OrderBy(v => v), slots.SortedIds);
        foreach (uint id in inRasterOrder) Assert.Equal(id, slots.Ids[slots.SlotOf(id)]);
        Assert.Equal(-1, slots.SlotOf(3_999_999_999));
    }

    [Fact]
    public void An_image_of_background_has_no_slots()
    {
        var slots = LabelSlots.Collect(new LabelImage(new uint[12], ImageShape.Of2D(3, 4)));

        Assert.Equal(0, slots.Count);
        Assert.Empty(slots.SortedIds);
        Assert.Equal(-1, slots.SlotOf(1));
    }
}
