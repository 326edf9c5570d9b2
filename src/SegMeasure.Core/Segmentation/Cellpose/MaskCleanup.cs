namespace SegMeasure.Core.Segmentation.Cellpose;

/// <summary>
/// Cellpose's last step (utils.fill_holes_and_remove_small_masks): masks below min_size removed,
/// each mask's holes filled inside its bounding box (background not 4-connected to the box's
/// border; later masks paint over earlier ones), small masks removed again, ids consecutive.
/// Cellpose indexes its size counts by position, which picks the wrong ids when ids have gaps
/// (after the flow-error check); here every size belongs to its own id.
/// </summary>
internal static class MaskCleanup
{
    public static uint[] FillHolesAndRemoveSmall(uint[] masks, int height, int width, int minSize)
    {
        var result = minSize > 0 ? RemoveSmall(masks, minSize) : (uint[])masks.Clone();
        uint next = 0;
        foreach (var box in ObjectBoxes.Of(result, height, width))
        {
            next++;
            int bh = box.Bottom - box.Top, bw = box.Right - box.Left;
            var inside = new bool[bh * bw];
            for (int y = 0; y < bh; y++)
                for (int x = 0; x < bw; x++)
                    inside[y * bw + x] = result[(y + box.Top) * width + x + box.Left] == box.Label;
            var filled = FillHoles(inside, bh, bw);
            for (int y = 0; y < bh; y++)
                for (int x = 0; x < bw; x++)
                    if (filled[y * bw + x]) result[(y + box.Top) * width + x + box.Left] = next;
        }

        return minSize > 0 ? RemoveSmall(result, minSize) : result;
    }

    private static uint[] RemoveSmall(uint[] masks, int minSize)
    {
        var counts = new Dictionary<uint, long>();
        foreach (var l in masks) if (l != 0) counts[l] = counts.GetValueOrDefault(l) + 1;
        var kept = (uint[])masks.Clone();
        for (int i = 0; i < kept.Length; i++) if (kept[i] != 0 && counts[kept[i]] < minSize) kept[i] = 0;
        return LabelOrder.RenumberByFirstAppearance(kept);
    }

    /// <summary>True where the object is or where background cannot reach the border 4-connectedly.</summary>
    private static bool[] FillHoles(bool[] inside, int height, int width)
    {
        var outside = new bool[inside.Length];
        var stack = new Stack<int>();
        void Push(int y, int x)
        {
            int i = y * width + x;
            if (inside[i] || outside[i]) return;
            outside[i] = true;
            stack.Push(i);
        }

        for (int x = 0; x < width; x++) { Push(0, x); Push(height - 1, x); }
        for (int y = 0; y < height; y++) { Push(y, 0); Push(y, width - 1); }
        while (stack.Count > 0)
        {
            int i = stack.Pop(), y = i / width, x = i % width;
            if (y > 0) Push(y - 1, x);
            if (y < height - 1) Push(y + 1, x);
            if (x > 0) Push(y, x - 1);
            if (x < width - 1) Push(y, x + 1);
        }

        var filled = new bool[inside.Length];
        for (int i = 0; i < filled.Length; i++) filled[i] = !outside[i];
        return filled;
    }
}
