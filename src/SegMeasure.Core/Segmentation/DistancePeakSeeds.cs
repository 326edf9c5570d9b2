namespace SegMeasure.Core.Segmentation;

/// <summary>
/// Watershed seeds from the distance transform (or a smoothed copy of it): foreground pixels whose value equals the
/// maximum in the square window of side 2⌊d/2⌋+1 around them (so seeds are about one diameter d
/// apart), grouped into 8-connected seeds numbered in raster order of their first pixel — the
/// same as <c>ndimage.label(foreground &amp; (dist == maximum_filter(dist, size)))</c>.
/// </summary>
internal static class DistancePeakSeeds
{
    public static uint[] Find(double[] distance, bool[] foreground, int height, int width, double diameter)
    {
        int r = (int)Math.Floor(diameter / 2);
        var rowMax = new double[distance.Length];
        for (int y = 0; y < height; y++)
            SlidingMax(distance, rowMax, y * width, 1, width, r);
        var windowMax = new double[distance.Length];
        for (int x = 0; x < width; x++)
            SlidingMax(rowMax, windowMax, x, width, height, r);

        var seeds = new uint[distance.Length];
        uint next = 0;
        var stack = new Stack<int>();
        for (int i = 0; i < seeds.Length; i++)
        {
            if (seeds[i] != 0 || !IsPeak(i)) continue;
            seeds[i] = ++next;
            stack.Push(i);
            while (stack.Count > 0)
            {
                int p = stack.Pop(), py = p / width, px = p % width;
                for (int dy = -1; dy <= 1; dy++)
                for (int dx = -1; dx <= 1; dx++)
                {
                    int qy = py + dy, qx = px + dx;
                    if (qy < 0 || qy >= height || qx < 0 || qx >= width) continue;
                    int q = qy * width + qx;
                    if (seeds[q] != 0 || !IsPeak(q)) continue;
                    seeds[q] = next;
                    stack.Push(q);
                }
            }
        }

        return seeds;

        bool IsPeak(int i) => foreground[i] && distance[i] == windowMax[i];
    }

    /// <summary>Maximum over [i−r, i+r] clipped to the line (equal to scipy's "nearest" edge mode for a maximum).</summary>
    private static void SlidingMax(double[] source, double[] target, int start, int stride, int length, int r)
    {
        // Monotone deque of indices: O(length) whatever r is.
        var deque = new int[length];
        int head = 0, tail = 0, added = 0;
        for (int i = 0; i < length; i++)
        {
            int until = Math.Min(length - 1, i + r);
            for (; added <= until; added++)
            {
                double v = source[start + added * stride];
                while (tail > head && source[start + deque[tail - 1] * stride] <= v) tail--;
                deque[tail++] = added;
            }

            while (deque[head] < i - r) head++;
            target[start + i * stride] = source[start + deque[head] * stride];
        }
    }
}
