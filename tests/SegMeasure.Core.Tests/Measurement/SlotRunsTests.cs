using SegMeasure.Core.Images;
using SegMeasure.Core.Measurement;
using SegMeasure.Core.Measurement.Engine;

namespace SegMeasure.Core.Tests.Measurement;

public class SlotRunsTests
{
    /// <summary>The definition: padded row 0 | pixels | 0, a run starting wherever the id differs from the one before.</summary>
    private static (int[] Starts, uint[] Ids) RunsOf(uint[] row)
    {
        var padded = new uint[row.Length + 2];
        row.CopyTo(padded, 1);
        var starts = new List<int> { 0 };
        var ids = new List<uint> { 0 };
        for (int c = 1; c < padded.Length; c++)
        {
            if (padded[c] == padded[c - 1]) continue;
            starts.Add(c);
            ids.Add(padded[c]);
        }

        starts.Add(padded.Length); // the sentinel: end of the padded row, background
        ids.Add(0);
        return (starts.ToArray(), ids.ToArray());
    }

    [Theory]
    [InlineData(0.0)]  // one label per row, or none
    [InlineData(0.05)] // long runs: most blocks of columns hold no change
    [InlineData(0.5)]
    [InlineData(1.0)]  // every pixel its own run
    public void Runs_of_a_row_are_where_the_id_changes_for_every_width(double changeRate)
    {
        var rng = new Random(17);
        for (int width = 1; width <= 70; width++)
        {
            for (int trial = 0; trial < 20; trial++)
            {
                var row = new uint[width];
                uint id = (uint)rng.Next(3);
                for (int x = 0; x < width; x++)
                {
                    if (rng.NextDouble() < changeRate) id = (uint)rng.Next(4);
                    row[x] = id;
                }

                var slots = new StripeSlots(width);
                var runs = new SlotRuns(width);
                runs.Read(row, slots);

                var (starts, ids) = RunsOf(row);
                Assert.Equal(starts, runs.Starts.ToArray());
                Assert.Equal(ids.Select(i => i == 0 ? 0 : slots.SlotOf(i) + 1), runs.Values.ToArray());
            }
        }
    }
}
