using System.Numerics;

namespace SegMeasure.Core.Measurement.Geometry;

/// <summary>
/// The Euler number of a 3D object with 26-connected voxels (objects + cavities − tunnels), from
/// the 2×2×2 configurations of Ohser, Nagel and Schladitz 2002 ("The Euler number of discretized
/// sets — on the choice of adjacency in homogeneous lattices"); the reference tool's default
/// (scikit-image's <c>euler_number(image, connectivity=3)</c>) gives the same numbers.
/// </summary>
/// <remarks>
/// With 26-connectivity the object is the union of its voxels as closed unit cubes, and its Euler
/// characteristic is V − E + F − C over the cells of that union. Every lattice point is the shared
/// corner of one 2×2×2 window of voxels, and each cell touching it is counted there with the share
/// of its corners: the point itself (present if any voxel is), the 6 edges from it (1/2 each,
/// present if any of the 4 voxels around the edge is), the 12 faces at it (1/4 each, present if
/// either of its 2 voxels is) and the 8 voxels (1/8 each). Summing that over the windows of the
/// zero-padded object counts every cell exactly once. These are Ohser et al.'s coefficients.
/// </remarks>
internal static class EulerCharacteristic
{
    /// <summary>Eight times the share of a window configuration (bit dz·4 + dy·2 + dx), an integer.</summary>
    private static readonly int[] EightfoldContribution = BuildContributions();

    /// <summary>The Euler number from the histogram of <see cref="SurfaceArea.CountConfigurations"/>.</summary>
    public static long FromConfigurations(long[] counts)
    {
        long eightfold = 0;
        for (int c = 1; c < 255; c++) eightfold += counts[c] * EightfoldContribution[c];
        return eightfold / 8; // exact: the sum counts whole cells
    }

    public static long Of(ObjectMask mask) => FromConfigurations(SurfaceArea.CountConfigurations(mask));

    private static int[] BuildContributions()
    {
        var contributions = new int[256];
        for (int c = 0; c < 256; c++)
        {
            bool Set(int dz, int dy, int dx) => (c >> (dz * 4 + dy * 2 + dx) & 1) != 0;
            int point = c != 0 ? 1 : 0;
            int edges = 0, faces = 0;
            for (int side = 0; side < 2; side++)
            {
                // The edge from the point towards side `side` of each axis: the 4 voxels on that side.
                bool alongX = false, alongY = false, alongZ = false;
                for (int a = 0; a < 2; a++)
                    for (int b = 0; b < 2; b++)
                    {
                        alongX |= Set(a, b, side);
                        alongY |= Set(a, side, b);
                        alongZ |= Set(side, a, b);
                    }

                edges += (alongX ? 1 : 0) + (alongY ? 1 : 0) + (alongZ ? 1 : 0);
            }

            // A face at the point separates two voxels that differ along one axis.
            for (int a = 0; a < 2; a++)
                for (int b = 0; b < 2; b++)
                    faces += (Set(0, a, b) || Set(1, a, b) ? 1 : 0) + (Set(a, 0, b) || Set(a, 1, b) ? 1 : 0) + (Set(a, b, 0) || Set(a, b, 1) ? 1 : 0);

            contributions[c] = 8 * point - 4 * edges + 2 * faces - BitOperations.PopCount((uint)c);
        }

        return contributions;
    }
}
