using System.Runtime.CompilerServices;

namespace SegMeasure.Core.Measurement.Engine;

/// <summary>
/// Counts, per label, the configurations of the 2×2 windows that straddle two consecutive rows
/// (bit 0 bottom-right, bit 1 top-right, bit 2 bottom-left, bit 3 top-left set where the pixel
/// belongs to the label), the input of the Crofton perimeter and the Euler number. Works on the
/// runs of both rows: only a window at a column where either row changes label can mix labels
/// across columns; between two such columns all windows are alike and are counted in one step.
/// </summary>
internal static class BoundaryWindows
{
    public const int Configurations = 16;

    // Configurations of a window whose top pair is one label and bottom pair another.
    private const int TopPair = 2 | 8, BottomPair = 1 | 4;

    /// <summary>
    /// Adds the windows between <paramref name="above"/> and <paramref name="below"/> to
    /// <paramref name="counts"/>, where value v (slot + 1) counts at [v·16, v·16 + 16). Row 0
    /// (background) is scratch: it absorbs what belongs to no label, so no branch is needed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Accumulate(SlotRuns above, SlotRuns below, int[] counts)
    {
        var aStarts = above.Starts;
        var aValues = above.Values;
        var bStarts = below.Starts;
        var bValues = below.Values;
        int end = above.Width + 2;
        int i = 0, j = 0, top = aValues[0], bottom = bValues[0], column = 0;
        while (true)
        {
            int nextA = aStarts[i + 1], nextB = bStarts[j + 1];
            int change = Math.Min(nextA, nextB);
            if (change >= end) return; // after the last change both rows are padding
            // Windows wholly inside [column, change): one label above, one below (alike when equal).
            int alike = top != bottom ? change - 1 - column : 0;
            counts[top * Configurations + TopPair] += alike;
            counts[bottom * Configurations + BottomPair] += alike;
            // Which row changes next is as unpredictable as the outlines: advance without branching.
            i += nextA == change ? 1 : 0;
            j += nextB == change ? 1 : 0;
            int right = aValues[i], bottomRight = bValues[j];
            CountMixed(counts, top, right, bottom, bottomRight);
            top = right;
            bottom = bottomRight;
            column = change;
        }
    }

    /// <summary>
    /// One window of up to four labels: each counts its configuration once. Background and
    /// repeats go to the scratch row instead of being skipped — along outlines every branch on
    /// the labels would be a coin toss for the processor.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CountMixed(int[] counts, int tl, int tr, int bl, int br)
    {
        int trIsBr = tr == br ? 1 : 0, blIsBr = bl == br ? 1 : 0, tlIsBr = tl == br ? 1 : 0;
        int blIsTr = bl == tr ? 1 : 0, tlIsTr = tl == tr ? 1 : 0, tlIsBl = tl == bl ? 1 : 0;
        counts[br * Configurations + (1 | trIsBr << 1 | blIsBr << 2 | tlIsBr << 3)]++;
        counts[(trIsBr != 0 ? 0 : tr) * Configurations + (2 | blIsTr << 2 | tlIsTr << 3)]++;
        counts[((blIsBr | blIsTr) != 0 ? 0 : bl) * Configurations + (4 | tlIsBl << 3)]++;
        counts[((tlIsBr | tlIsTr | tlIsBl) != 0 ? 0 : tl) * Configurations + 8]++;
    }
}
