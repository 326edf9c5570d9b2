namespace SegMeasure.Core.Analysis.Embeddings;

/// <summary>
/// A region quadtree over 2-D points with per-cell point counts and centres of mass, for the
/// Barnes–Hut approximation of t-SNE's repulsive forces (van der Maaten 2014): a cell that looks
/// small from a point (side / distance below the angle) acts as one body at its centre of mass.
/// </summary>
internal sealed class QuadTree
{
    private const int MaxDepth = 64;

    private readonly List<Cell> _cells = [];

    private struct Cell
    {
        public double CenterX, CenterY, HalfWidth;
        public double MassX, MassY;
        public int Count;
        public int FirstChild; // -1 for a leaf
        public int Point;      // a leaf's point (-1 when empty)
    }

    public QuadTree(double[][] points)
    {
        double minX = double.PositiveInfinity, minY = double.PositiveInfinity, maxX = double.NegativeInfinity, maxY = double.NegativeInfinity;
        foreach (var p in points)
        {
            minX = Math.Min(minX, p[0]); maxX = Math.Max(maxX, p[0]);
            minY = Math.Min(minY, p[1]); maxY = Math.Max(maxY, p[1]);
        }

        double half = Math.Max(Math.Max(maxX - minX, maxY - minY) / 2, 1e-12) * (1 + 1e-6);
        _cells.Add(new Cell { CenterX = (minX + maxX) / 2, CenterY = (minY + maxY) / 2, HalfWidth = half, FirstChild = -1, Point = -1 });
        for (int i = 0; i < points.Length; i++) Insert(points, i);
    }

    private void Insert(double[][] points, int index)
    {
        double x = points[index][0], y = points[index][1];
        int cell = 0;
        for (int depth = 0; ; depth++)
        {
            var c = _cells[cell];
            c.MassX = (c.MassX * c.Count + x) / (c.Count + 1);
            c.MassY = (c.MassY * c.Count + y) / (c.Count + 1);
            c.Count++;
            if (c.FirstChild < 0)
            {
                if (c.Point < 0 || depth >= MaxDepth || (points[c.Point][0] == x && points[c.Point][1] == y))
                {
                    // Empty leaf, or a duplicate: the leaf keeps one representative point.
                    if (c.Point < 0) c.Point = index;
                    _cells[cell] = c;
                    return;
                }

                // Split: move the resident point (and its duplicates' count) into a child.
                int resident = c.Point;
                int residentCount = c.Count - 1;
                c.FirstChild = _cells.Count;
                c.Point = -1;
                _cells[cell] = c;
                double h = c.HalfWidth / 2;
                for (int q = 0; q < 4; q++)
                    _cells.Add(new Cell
                    {
                        CenterX = c.CenterX + ((q & 1) == 0 ? -h : h),
                        CenterY = c.CenterY + ((q & 2) == 0 ? -h : h),
                        HalfWidth = h, FirstChild = -1, Point = -1,
                    });
                int rq = c.FirstChild + Quadrant(c, points[resident][0], points[resident][1]);
                var r = _cells[rq];
                r.Point = resident;
                r.Count = residentCount;
                r.MassX = points[resident][0];
                r.MassY = points[resident][1];
                _cells[rq] = r;
            }
            else
            {
                _cells[cell] = c;
            }

            cell = _cells[cell].FirstChild + Quadrant(_cells[cell], x, y);
        }
    }

    private static int Quadrant(in Cell c, double x, double y) => (x < c.CenterX ? 0 : 1) + (y < c.CenterY ? 0 : 2);

    /// <summary>
    /// The repulsive force on point <paramref name="self"/> at (x, y): Σ q² (y_i − y_j) over the
    /// other points, and Σ q with q = 1 / (1 + ‖y_i − y_j‖²), cells summarised by the angle rule.
    /// </summary>
    public (double ForceX, double ForceY, double SumQ) Repulsion(int self, double x, double y, double angle, Stack<int> stack)
    {
        double fx = 0, fy = 0, sumQ = 0, angle2 = angle * angle;
        stack.Clear();
        stack.Push(0);
        while (stack.Count > 0)
        {
            var c = _cells[stack.Pop()];
            if (c.Count == 0) continue;
            double dx = x - c.MassX, dy = y - c.MassY, d2 = dx * dx + dy * dy;
            double side = 2 * c.HalfWidth;
            if (c.FirstChild < 0 || side * side < angle2 * d2)
            {
                int count = c.Count;
                // Never repel a point from itself (it sits in the leaf at zero distance, or is its representative).
                if (c.FirstChild < 0 && (c.Point == self || d2 == 0)) count--;
                if (count <= 0) continue;
                double q = 1.0 / (1.0 + d2);
                sumQ += count * q;
                fx += count * q * q * dx;
                fy += count * q * q * dy;
                continue;
            }

            for (int k = 0; k < 4; k++) stack.Push(c.FirstChild + k);
        }

        return (fx, fy, sumQ);
    }
}
