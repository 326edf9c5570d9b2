using System.Runtime.CompilerServices;

namespace SegMeasure.Core.Measurement.Engine;

/// <summary>
/// Slots local to one stripe, numbered as labels first appear in it while the stripe is scanned,
/// so that a scan can accumulate per label without a pass beforehand to number the labels.
/// <see cref="LabelSlots.Merge"/> then numbers all labels and maps every stripe's slots onto
/// the common ones. Ids up to the stripe's voxel count (at least 2²⁰) are found in a table
/// indexed by id, which never outgrows the stripe itself; larger ids in a dictionary.
/// </summary>
internal sealed class StripeSlots
{
    private const int Background = -1, Absent = -2;
    private const int MinimumDirectLimit = 1 << 20;

    private readonly uint _directLimit;
    private readonly List<uint> _ids = [];
    private int[] _direct = [Background];
    private Dictionary<uint, int>? _large;

    public StripeSlots(long stripeVoxels) => _directLimit = (uint)Math.Clamp(stripeVoxels, MinimumDirectLimit, int.MaxValue - 1);

    /// <summary>The id of every local slot, in order of first appearance in the stripe.</summary>
    public IReadOnlyList<uint> Ids => _ids;

    public int Count => _ids.Count;

    /// <summary>The local slot of <paramref name="id"/>, numbering it if it is new; -1 for background.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int SlotOf(uint id)
    {
        var direct = _direct;
        int slot = id < (uint)direct.Length ? direct[id] : Absent;
        return slot != Absent ? slot : SlotOfNew(id); // taken once per label, or per run for huge ids
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int SlotOfNew(uint id)
    {
        if (id > _directLimit)
        {
            _large ??= [];
            if (!_large.TryGetValue(id, out int known))
            {
                known = _ids.Count;
                _large.Add(id, known);
                _ids.Add(id);
            }

            return known;
        }

        if (id >= (uint)_direct.Length)
        {
            int length = (int)Math.Min(_directLimit + 1L, Math.Max(id + 1L, 2L * _direct.Length));
            int old = _direct.Length;
            Array.Resize(ref _direct, length);
            _direct.AsSpan(old).Fill(Absent);
        }

        int slot = _ids.Count;
        _direct[id] = slot;
        _ids.Add(id);
        return slot;
    }
}
