using SegMeasure.Core.Images;

namespace SegMeasure.Core.Colocalization;

/// <summary>
/// Labels the connected components of a binary image with full connectivity (8 neighbours in
/// 2D, 26 in 3D, as scikit-image's <c>label</c> by default), numbered 1, 2, … in the raster
/// order of each component's first pixel. Union–find over one raster scan.
/// </summary>
internal static class ConnectedComponents
{
    public static uint[] Label(bool[] foreground, ImageShape shape)
    {
        int depth = shape.Depth, height = shape.Height, width = shape.Width;
        var parent = new int[foreground.Length];
        for (int i = 0; i < parent.Length; i++) parent[i] = foreground[i] ? i : -1;

        int Find(int i)
        {
            while (parent[i] != i)
            {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }

            return i;
        }

        void Union(int i, int j)
        {
            int ri = Find(i), rj = Find(j);
            if (ri == rj) return;
            // Keep the smaller index as root so roots are each component's first pixel.
            if (ri < rj) parent[rj] = ri;
            else parent[ri] = rj;
        }

        for (int z = 0; z < depth; z++)
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                {
                    int i = (z * height + y) * width + x;
                    if (!foreground[i]) continue;
                    // Neighbours already visited: the previous plane's 3×3, the previous row's 3, the left one.
                    for (int dz = -1; dz <= 0; dz++)
                        for (int dy = -1; dy <= 1; dy++)
                            for (int dx = -1; dx <= 1; dx++)
                            {
                                if (dz == 0 && (dy > 0 || (dy == 0 && dx >= 0))) continue;
                                int nz = z + dz, ny = y + dy, nx = x + dx;
                                if (nz < 0 || ny < 0 || ny >= height || nx < 0 || nx >= width) continue;
                                int j = (nz * height + ny) * width + nx;
                                if (foreground[j]) Union(i, j);
                            }
                }

        var labels = new uint[foreground.Length];
        var numberOfRoot = new Dictionary<int, uint>();
        for (int i = 0; i < labels.Length; i++)
        {
            if (!foreground[i]) continue;
            int root = Find(i);
            if (!numberOfRoot.TryGetValue(root, out var number))
            {
                number = (uint)(numberOfRoot.Count + 1);
                numberOfRoot[root] = number;
            }

            labels[i] = number;
        }

        return labels;
    }
}
