namespace SegMeasure.Core.Measurement.Engine;

/// <summary>
/// Weights of the 16 configurations of a 2×2 pixel window (bit 0 bottom-right, bit 1 top-right,
/// bit 2 bottom-left, bit 3 top-left; the window slides over the zero-padded object). Sums of
/// weight × configuration count give the Crofton perimeter (Lehmann and Legland 2012, "Efficient
/// N-dimensional surface estimation using Crofton formula and run-length encoding", Insight
/// Journal; 4 directions) and the Euler number from local 2×2 configurations (Gray 1971, "Local
/// properties of binary images in two dimensions", IEEE Trans. Computers C-20). The tables are
/// scikit-image's, so the numbers match the reference tool.
/// </summary>
internal static class CroftonTables
{
    private static readonly double Diagonal = Math.PI / (4 * Math.Sqrt(2));

    /// <summary>Perimeter weights in pixel units: the Crofton intercepts of 4 directions, each weighted by the π/4 sector it covers.</summary>
    public static readonly double[] PixelPerimeter =
    [
        0, Math.PI / 4 * (1 + 1 / Math.Sqrt(2)), Diagonal, Math.PI / (2 * Math.Sqrt(2)), 0,
        Math.PI / 4 * (1 + 1 / Math.Sqrt(2)), 0, Diagonal, Math.PI / 4, Math.PI / 2,
        Diagonal, Diagonal, Math.PI / 4, Math.PI / 2, 0, 0,
    ];

    /// <summary>Euler number weights, 8-connected objects (the reference tool's default in 2D).</summary>
    public static readonly int[] Euler8 = [0, 0, 0, 0, 0, 0, -1, 0, 1, 0, 0, 0, 0, 0, -1, 0];

    /// <summary>
    /// Perimeter weights for pixels of size sy × sx. Each window holds one pixel pair per lattice
    /// direction (bottom row: along x; right column: along y; the two diagonals). A differing
    /// pair is half an intercept (every line enters and leaves the object). Crofton's formula
    /// P = Σ_k Δθ_k · δ_k · intercepts_k then uses the physical spacing δ_k between lines of
    /// direction k and the angular sector Δθ_k closest to direction k.
    /// </summary>
    public static double[] PhysicalPerimeter(double sy, double sx)
    {
        double alpha = Math.Atan2(sy, sx); // angle of the main diagonal from the x axis
        double diagonalLength = Math.Sqrt(sy * sy + sx * sx);
        double alongX = alpha * sy;                             // lines along x are sy apart
        double alongY = (Math.PI / 2 - alpha) * sx;             // lines along y are sx apart
        double diagonal = Math.PI / 4 * (sy * sx / diagonalLength);
        var weights = new double[16];
        for (int c = 0; c < 16; c++)
        {
            int br = c & 1, tr = (c >> 1) & 1, bl = (c >> 2) & 1, tl = (c >> 3) & 1;
            weights[c] = 0.5 * (alongX * (bl ^ br) + alongY * (tr ^ br) + diagonal * ((tl ^ br) + (tr ^ bl)));
        }

        return weights;
    }
}
