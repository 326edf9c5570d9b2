namespace SegMeasure.Core.Segmentation.Cellpose;

/// <summary>
/// Cellpose's masks from end points (dynamics.get_masks_torch, version 3): end points are
/// histogrammed on the image padded by 20 pixels; histogram bins that are the maximum of their
/// 5×5 neighbourhood and hold more than 10 end points seed masks; each seed grows for 5 steps
/// (3×3) over bins holding more than 2 end points, inside an 11×11 window; a pixel takes the
/// seed whose region its end point fell in (seeds with more end points win overlaps). Masks
/// larger than a fraction of the image are dropped and ids made consecutive in raster order.
/// </summary>
internal static class ConvergenceMasks
{
    private const int Pad = 20;

    public static uint[] From(float[] endY, float[] endX, int[] starts, int height, int width, double maxSizeFraction)
    {
        int hh = height + 2 * Pad, hw = width + 2 * Pad;
        var cells = new int[starts.Length];
        var histogram = new int[hh * hw];
        for (int j = 0; j < starts.Length; j++)
        {
            // Truncation to whole pixels, as Cellpose's conversion to integers.
            int y = Math.Min((int)endY[j] + Pad, height + Pad - 1), x = Math.Min((int)endX[j] + Pad, width + Pad - 1);
            cells[j] = y * hw + x;
            histogram[cells[j]]++;
        }

        var localMax = MaxFilter(histogram, hh, hw, 2);
        var seeds = new List<int>();
        for (int i = 0; i < histogram.Length; i++)
            if (histogram[i] > 10 && histogram[i] >= localMax[i]) seeds.Add(i);
        var result = new uint[height * width];
        if (seeds.Count == 0) return result;

        // Fewest end points first, so the seeds with more paint over them where regions overlap.
        var ordered = seeds.Select((cell, k) => (cell, k)).OrderBy(s => histogram[s.cell]).ThenBy(s => s.k).Select(s => s.cell).ToArray();
        var owner = new int[hh * hw];
        var window = new int[11 * 11];
        for (int k = 0; k < ordered.Length; k++)
        {
            int sy = ordered[k] / hw, sx = ordered[k] % hw;
            Array.Clear(window);
            window[5 * 11 + 5] = 1;
            for (int step = 0; step < 5; step++)
            {
                window = MaxFilter(window, 11, 11, 1);
                for (int wy = 0; wy < 11; wy++)
                    for (int wx = 0; wx < 11; wx++)
                        if (histogram[(sy + wy - 5) * hw + sx + wx - 5] <= 2) window[wy * 11 + wx] = 0;
            }

            for (int wy = 0; wy < 11; wy++)
                for (int wx = 0; wx < 11; wx++)
                    if (window[wy * 11 + wx] != 0) owner[(sy + wy - 5) * hw + sx + wx - 5] = k + 1;
        }

        for (int j = 0; j < starts.Length; j++) result[starts[j]] = (uint)owner[cells[j]];

        var counts = new long[ordered.Length + 1];
        foreach (var l in result) counts[l]++;
        double big = (double)height * width * maxSizeFraction;
        for (int i = 0; i < result.Length; i++)
            if (result[i] != 0 && counts[result[i]] > big) result[i] = 0;
        return LabelOrder.RenumberByFirstAppearance(result);
    }

    /// <summary>Maximum over a (2r+1)² square, windows clipped at the borders (rows, then columns).</summary>
    private static int[] MaxFilter(int[] values, int height, int width, int radius)
    {
        var rows = new int[values.Length];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                int m = values[y * width + x];
                for (int d = Math.Max(0, y - radius); d <= Math.Min(height - 1, y + radius); d++) m = Math.Max(m, values[d * width + x]);
                rows[y * width + x] = m;
            }

        var result = new int[values.Length];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                int m = rows[y * width + x];
                for (int d = Math.Max(0, x - radius); d <= Math.Min(width - 1, x + radius); d++) m = Math.Max(m, rows[y * width + d]);
                result[y * width + x] = m;
            }

        return result;
    }
}
