namespace SegMeasure.Core.Postprocessing;

/// <summary>
/// Which seeds of a watershed can make the order among tied seeds matter. Seeds all enter the
/// flood with age 0, so seeds at one level tie, and scikit-image's heap decides among them.
/// That choice changes the result only between border seeds (seeds with a neighbour still to
/// flood) of different labels: an interior seed claims nothing when it leaves, and seeds of one
/// label only reorder claims of that label — while they leave, and while anything they claimed
/// below their level leaves, nothing of another label can leave, so they claim the same voxels
/// whatever their order, and the ages they hand out stay a contiguous run of that label's.
/// A level where border seeds of two labels meet is contested; the heap must be replayed
/// until the last contested level has left, and not a moment longer.
/// </summary>
internal sealed class SeedTies
{
    private readonly ulong[] _interior;

    private SeedTies(ulong[] interior, int seedCount, int lastContestedLevel)
    {
        _interior = interior;
        SeedCount = seedCount;
        LastContestedLevel = lastContestedLevel;
    }

    public int SeedCount { get; }

    /// <summary>The highest level with border seeds of two labels, or −1 when there is none.</summary>
    public int LastContestedLevel { get; }

    /// <summary>True for a seed with no neighbour to flood: it leaves the queue without claiming anything.</summary>
    public bool IsInterior(int voxel) => (_interior[voxel >> 6] & (1UL << voxel)) != 0;

    /// <summary>Reads the seeds off <paramref name="labels"/> (0: not a seed; the mask already applied), with each
    /// voxel's landscape rank in <paramref name="level"/> (0 … <paramref name="levels"/> − 1), the voxels that may be
    /// flooded in <paramref name="mask"/> (null: all) and the neighbours of <paramref name="grid"/>.</summary>
    public static SeedTies Find(uint[] labels, int[] level, int levels, bool[]? mask, Grid grid)
    {
        int n = labels.Length;
        var interior = new ulong[(n + 63) >> 6];
        // The label of the first border seed seen at each level; another label there contests the level.
        var labelAtLevel = new uint[Math.Max(levels, 1)];
        int seeds = 0, lastContested = -1;
        Span<int> around = stackalloc int[6];
        for (int i = 0; i < n; i++)
        {
            uint label = labels[i];
            if (label == 0) continue;
            seeds++;
            bool border = false;
            int count = grid.Neighbours(i, around);
            for (int k = 0; k < count && !border; k++)
            {
                int j = around[k];
                border = labels[j] == 0 && (mask is null || mask[j]);
            }

            if (!border)
            {
                interior[i >> 6] |= 1UL << i;
                continue;
            }

            ref uint seen = ref labelAtLevel[level[i]];
            if (seen == 0) seen = label;
            else if (seen != label) lastContested = Math.Max(lastContested, level[i]);
        }

        return new SeedTies(interior, seeds, lastContested);
    }
}
