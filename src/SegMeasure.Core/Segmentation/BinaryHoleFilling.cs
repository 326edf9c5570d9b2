namespace SegMeasure.Core.Segmentation;

/// <summary>
/// Fills the holes of a 2D foreground: background not reachable from the image border through
/// 4-connected background becomes foreground, the definition of
/// <c>scipy.ndimage.binary_fill_holes</c> with its default cross-shaped structure.
/// </summary>
internal static class BinaryHoleFilling
{
    public static bool[] Fill(bool[] foreground, int height, int width)
    {
        var outside = new bool[foreground.Length];
        var stack = new Stack<int>();
        void Reach(int i)
        {
            if (foreground[i] || outside[i]) return;
            outside[i] = true;
            stack.Push(i);
        }

        for (int x = 0; x < width; x++)
        {
            Reach(x);
            Reach((height - 1) * width + x);
        }

        for (int y = 0; y < height; y++)
        {
            Reach(y * width);
            Reach(y * width + width - 1);
        }

        while (stack.Count > 0)
        {
            int p = stack.Pop(), y = p / width, x = p % width;
            if (y > 0) Reach(p - width);
            if (y < height - 1) Reach(p + width);
            if (x > 0) Reach(p - 1);
            if (x < width - 1) Reach(p + 1);
        }

        var filled = new bool[foreground.Length];
        for (int i = 0; i < filled.Length; i++) filled[i] = !outside[i];
        return filled;
    }
}
