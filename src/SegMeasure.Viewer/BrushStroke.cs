using SegMeasure.Core.Images;

namespace SegMeasure.Viewer;

/// <summary>
/// A brush or eraser stroke on the annotation layer: a polyline in full-resolution pixel
/// coordinates of one Z plane, painted as discs of <see cref="Radius"/> along its path.
/// <see cref="Label"/> 0 erases.
/// </summary>
internal sealed record BrushStroke(int Z, int Label, double Radius, IReadOnlyList<(double X, double Y)> Points)
{
    /// <summary>The voxel indices the stroke covers inside <paramref name="shape"/>.</summary>
    public IEnumerable<long> Voxels(ImageShape shape)
    {
        if (Z < 0 || Z >= shape.Depth || Points.Count == 0) yield break;
        var covered = new HashSet<long>();
        double r = Math.Clamp(Radius, 0.5, 256);
        double step = Math.Max(0.5, r / 2);
        for (int i = 0; i < Points.Count; i++)
        {
            var (ax, ay) = Points[i];
            var (bx, by) = i + 1 < Points.Count ? Points[i + 1] : Points[i];
            int steps = (int)Math.Ceiling(Math.Sqrt((bx - ax) * (bx - ax) + (by - ay) * (by - ay)) / step);
            for (int s = 0; s <= steps; s++)
            {
                double t = steps == 0 ? 0 : (double)s / steps;
                Disc(ax + (bx - ax) * t, ay + (by - ay) * t, r, shape, covered);
            }
        }

        foreach (var v in covered) yield return v;
    }

    private void Disc(double cx, double cy, double r, ImageShape shape, HashSet<long> covered)
    {
        int x0 = Math.Max(0, (int)Math.Floor(cx - r)), x1 = Math.Min(shape.Width - 1, (int)Math.Ceiling(cx + r));
        int y0 = Math.Max(0, (int)Math.Floor(cy - r)), y1 = Math.Min(shape.Height - 1, (int)Math.Ceiling(cy + r));
        for (int y = y0; y <= y1; y++)
            for (int x = x0; x <= x1; x++)
            {
                double dx = x + 0.5 - cx, dy = y + 0.5 - cy;
                if (dx * dx + dy * dy <= r * r) covered.Add(shape.IndexOf(Z, y, x));
            }
    }
}
