using System.Collections.Concurrent;
using SegMeasure.Core.Images;

namespace SegMeasure.Core.Measurement.Engine;

/// <summary>
/// The distinct non-zero label ids of an image, each mapped to a dense slot 0..n-1 that indexes
/// per-label accumulators. Slots are numbered in the order the labels first appear in a raster
/// scan (band by band), not by id: labels that are near each other in the image then have
/// accumulators near each other in memory, which keeps a scan's random accesses in cache when
/// there are 10⁵ labels. Tables list labels by ascending id through <see cref="SlotsByIdOrder"/>.
/// Ids are sparse (anything up to 4 294 967 295): small id ranges use a direct lookup table,
/// large ranges a binary search, which callers amortise by looking up once per run of equal labels.
/// </summary>
internal sealed class LabelSlots
{
    /// <summary>Direct tables are used while the largest id is at most this (or at most the voxel count).</summary>
    private const uint DirectTableLimit = 1u << 24;

    private readonly int[]? _direct;

    private LabelSlots(uint[] ids, int[] slotsByIdOrder, int[]? direct)
    {
        Ids = ids;
        SlotsByIdOrder = slotsByIdOrder;
        SortedIds = Array.ConvertAll(slotsByIdOrder, s => ids[s]);
        _direct = direct;
    }

    /// <summary>The id of every slot; slots follow the labels' first appearance in the image.</summary>
    public uint[] Ids { get; }

    /// <summary>The slots ordered by ascending id: the row order of a measurement table.</summary>
    public int[] SlotsByIdOrder { get; }

    /// <summary>The ids in ascending order (the <c>index</c> column of a table).</summary>
    public uint[] SortedIds { get; }

    public int Count => Ids.Length;

    /// <summary>
    /// The id → slot table (-1 for background and absent ids; indexed by any id of the image) when
    /// the ids are dense enough for one, else null and <see cref="SlotOf"/> searches.
    /// </summary>
    internal int[]? DirectTable => _direct;

    /// <summary>The slot of <paramref name="id"/>, or -1 for background and ids not present.</summary>
    public int SlotOf(uint id)
    {
        if (id == 0) return -1;
        if (_direct is not null) return id < (uint)_direct.Length ? _direct[id] : -1;
        int i = Array.BinarySearch(SortedIds, id);
        return i >= 0 ? SlotsByIdOrder[i] : -1;
    }

    /// <summary>Per-slot values rearranged into table rows (ascending id).</summary>
    public T[] InIdOrder<T>(T[] bySlot)
    {
        var rows = new T[SlotsByIdOrder.Length];
        if (rows.Length == 0) return rows; // a range partitioner needs a non-empty range
        // Reading slots in id order jumps through memory; with 10⁵ labels that is worth all cores.
        var ranges = Partitioner.Create(0, rows.Length, Math.Max(1 << 12, rows.Length / (4 * Environment.ProcessorCount)));
        Parallel.ForEach(ranges, range =>
        {
            for (int r = range.Item1; r < range.Item2; r++) rows[r] = bySlot[SlotsByIdOrder[r]];
        });
        return rows;
    }

    /// <summary>Collects the distinct ids of <paramref name="labels"/> in one parallel pass.</summary>
    public static LabelSlots Collect(LabelImage labels, CancellationToken ct = default)
    {
        var data = labels.Data;
        int width = labels.Shape.Width;
        var stripes = Stripes.Split(labels.Shape.Depth * labels.Shape.Height);
        var firstSeen = new List<uint>[stripes.Length];
        Stripes.Run(stripes, ct, s =>
            firstSeen[s.Index] = FirstSeen(data.AsSpan(s.FirstRow * width, (s.EndRow - s.FirstRow) * width), DirectLimit(data.LongLength)));
        return Number(firstSeen, data.LongLength);
    }

    /// <summary>
    /// Numbers the labels that stripes numbered on their own while scanning an image of
    /// <paramref name="voxels"/> voxels, exactly as <see cref="Collect"/> would, and gives for every
    /// stripe the common slot of each of its local slots.
    /// </summary>
    internal static LabelSlots Merge(IReadOnlyList<StripeSlots> stripes, long voxels, out int[][] toCommon)
    {
        var slots = Number(stripes.Select(s => s.Ids).ToArray(), voxels);
        toCommon = stripes.Select(s => s.Ids.Select(id => slots.SlotOf(id)).ToArray()).ToArray();
        return slots;
    }

    /// <summary>Up to this id a table indexed by id costs no more than the image (or 64 MiB) itself.</summary>
    private static ulong DirectLimit(long voxels) => Math.Max(DirectTableLimit, (ulong)voxels);

    /// <summary>
    /// The ids of one stripe in the order they first appear in it. Each stripe marks what it has
    /// seen in its own bit set, grown as larger ids turn up (so no pass is spent finding the
    /// largest id first); a shared table would bounce cache lines between cores on every run. An
    /// id above <paramref name="directLimit"/> switches the stripe to a hash set.
    /// </summary>
    private static List<uint> FirstSeen(ReadOnlySpan<uint> pixels, ulong directLimit)
    {
        var seen = new ulong[1 << 10];
        seen[0] = 1; // background is never listed
        var list = new List<uint>();
        uint last = 0;
        int i = 0;
        for (; i < pixels.Length; i++)
        {
            uint v = pixels[i];
            if (v == last) continue;
            last = v;
            if ((v >> 6) >= (uint)seen.Length)
            {
                if (v > directLimit) break;
                Array.Resize(ref seen, (int)Math.Max((ulong)seen.Length * 2, ((ulong)v >> 6) + 1));
            }

            ulong bit = 1UL << (int)(v & 63);
            ref ulong word = ref seen[v >> 6];
            if ((word & bit) != 0) continue;
            word |= bit;
            list.Add(v);
        }

        if (i < pixels.Length)
        {
            var set = new HashSet<uint>(list) { 0 };
            last = 0; // the id that stopped the bit set is looked at again
            for (; i < pixels.Length; i++)
            {
                uint v = pixels[i];
                if (v == last) continue;
                last = v;
                if (set.Add(v)) list.Add(v);
            }
        }

        return list;
    }

    /// <summary>
    /// Slots in stripe order, then first appearance within the stripe (a label spanning stripes
    /// keeps its first slot), with a direct id → slot table when the largest id allows one.
    /// </summary>
    private static LabelSlots Number(IReadOnlyList<uint>[] firstSeen, long voxels)
    {
        uint max = 0;
        foreach (var list in firstSeen)
            foreach (uint id in list) max = Math.Max(max, id);

        var ids = new List<uint>();
        if (max <= DirectLimit(voxels))
        {
            var direct = new int[(long)max + 1];
            Array.Fill(direct, -1);
            foreach (var list in firstSeen)
                foreach (uint id in list)
                    if (direct[id] < 0)
                    {
                        direct[id] = ids.Count;
                        ids.Add(id);
                    }

            // The table lists the slots by id already; reading it is cheaper than sorting 10⁵ ids.
            var byId = new int[ids.Count];
            int r = 0;
            foreach (int slot in direct)
                if (slot >= 0) byId[r++] = slot;
            return new LabelSlots(ids.ToArray(), byId, direct);
        }

        var numbered = new HashSet<uint>();
        foreach (var list in firstSeen)
            foreach (uint id in list)
                if (numbered.Add(id)) ids.Add(id);
        var idArray = ids.ToArray();
        var slotsById = Enumerable.Range(0, idArray.Length).ToArray();
        Array.Sort((uint[])idArray.Clone(), slotsById);
        return new LabelSlots(idArray, slotsById, direct: null);
    }
}
