namespace SegMeasure.Core.Segmentation.Cellpose;

/// <summary>Bounding boxes of the labels of a 2D image (scipy's find_objects), in label order.</summary>
internal static class ObjectBoxes
{
    /// <summary>Rows [Top, Bottom) and columns [Left, Right) holding <see cref="Label"/>.</summary>
    public readonly record struct Box(uint Label, int Top, int Bottom, int Left, int Right);

    public static List<Box> Of(uint[] labels, int height, int width)
    {
        var index = new Dictionary<uint, int>();
        var boxes = new List<Box>();
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                uint l = labels[y * width + x];
                if (l == 0) continue;
                if (!index.TryGetValue(l, out int k))
                {
                    index[l] = boxes.Count;
                    boxes.Add(new Box(l, y, y + 1, x, x + 1));
                    continue;
                }

                var b = boxes[k];
                if (x < b.Left || x >= b.Right || y >= b.Bottom)
                    boxes[k] = new Box(l, b.Top, Math.Max(b.Bottom, y + 1), Math.Min(b.Left, x), Math.Max(b.Right, x + 1));
            }

        boxes.Sort((a, b) => a.Label.CompareTo(b.Label));
        return boxes;
    }
}
