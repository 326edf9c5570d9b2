using SegMeasure.Core.Images;
using SegMeasure.Core.Measurement;
using SegMeasure.Core.Measurement.Engine;

namespace SegMeasure.Core.Tests.Measurement;

public class BoundaryWindowsTests
{
    /// <summary>
    /// The definition: every 2×2 window of the zero-padded image, one count per label in it —
    /// except windows of one label throughout, which carry no boundary (weight 0 in every table).
    /// </summary>
    private static int[] CountPixelByPixel(uint[] data, int height, int width, LabelSlots slots)
    {
        var counts = new int[(slots.Count + 1) * BoundaryWindows.Configurations];
        int At(int y, int x) => y < 0 || y >= height || x < 0 || x >= width ? 0 : slots.SlotOf(data[y * width + x]) + 1;
        for (int y = 0; y <= height; y++)
            for (int x = 0; x <= width; x++)
            {
                int tl = At(y - 1, x - 1), tr = At(y - 1, x), bl = At(y, x - 1), br = At(y, x);
                if (tl == tr && tr == bl && bl == br) continue;
                foreach (int label in new[] { tl, tr, bl, br }.Distinct().Where(v => v != 0))
                {
                    int code = (br == label ? 1 : 0) | (tr == label ? 2 : 0) | (bl == label ? 4 : 0) | (tl == label ? 8 : 0);
                    counts[label * BoundaryWindows.Configurations + code]++;
                }
            }

        return counts;
    }

    private static int[] CountByRuns(uint[] data, int height, int width, LabelSlots slots)
    {
        var counts = new int[(slots.Count + 1) * BoundaryWindows.Configurations];
        var above = new SlotRuns(width);
        var below = new SlotRuns(width);
        for (int y = 0; y <= height; y++)
        {
            if (y < height) below.Read(data.AsSpan(y * width, width), slots);
            else below.Clear();
            BoundaryWindows.Accumulate(above, below, counts);
            (above, below) = (below, above);
        }

        return counts;
    }

    [Theory]
    [InlineData(1, 1, 2, 1)]
    [InlineData(7, 9, 2, 2)]
    [InlineData(16, 16, 3, 3)]
    [InlineData(20, 31, 6, 4)]
    [InlineData(33, 5, 40, 5)]
    [InlineData(12, 64, 200, 6)] // nearly every pixel its own run
    public void Run_merge_counts_every_label_configuration_as_the_pixel_windows_do(int height, int width, int labelCount, int seed)
    {
        var rng = new Random(seed);
        var data = new uint[height * width];
        // Blocky random labels: runs of several pixels, shared and broken between rows.
        for (int i = 0; i < data.Length; i++)
            data[i] = i > 0 && rng.NextDouble() < 0.6 ? data[i - 1] : (uint)rng.Next(labelCount);
        var slots = LabelSlots.Collect(new LabelImage(data, ImageShape.Of2D(height, width)));

        var expected = CountPixelByPixel(data, height, width, slots);
        var actual = CountByRuns(data, height, width, slots);

        // Row 0 is the scratch row of background and repeats; every label's row must match.
        Assert.Equal(expected.Skip(BoundaryWindows.Configurations), actual.Skip(BoundaryWindows.Configurations));
    }

    [Fact]
    public void Slot_runs_cover_the_padded_row_and_merge_nothing_that_differs()
    {
        uint[] row = [0, 5, 5, 7, 0, 0, 5];
        var slots = LabelSlots.Collect(new LabelImage(row, ImageShape.Of2D(1, row.Length)));
        var runs = new SlotRuns(row.Length);
        runs.Read(row, slots);

        // Padded columns: 0 | 0 5 5 7 0 0 5 | 0 → runs [0,2) bg, [2,4) 5, [4,5) 7, [5,7) bg, [7,8) 5, [8,9) bg.
        Assert.Equal([0, 2, 4, 5, 7, 8, 9], runs.Starts.ToArray());
        int five = slots.SlotOf(5) + 1, seven = slots.SlotOf(7) + 1;
        Assert.Equal([0, five, seven, 0, five, 0, 0], runs.Values.ToArray());
    }
}
