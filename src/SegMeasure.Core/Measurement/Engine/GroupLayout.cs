namespace SegMeasure.Core.Measurement.Engine;

/// <summary>
/// Where each group's values go in one flat buffer: a counting sort of voxels by group key.
/// Counting happens once and keeps each stripe's runs, so gathering, repeated for every channel,
/// copies run by run without looking at the labels again. Each stripe owns a reserved range
/// inside every group, so the parallel scatter is race-free and its order (raster order) does
/// not depend on the number of stripes.
/// </summary>
internal sealed class GroupLayout : IDisposable
{
    private readonly Stripe[] _stripes;
    private readonly RunLog<GroupRun>[] _runs;
    private readonly long[][] _stripeStarts;

    private GroupLayout(Stripe[] stripes, RunLog<GroupRun>[] runs, long[] offsets, long[][] stripeStarts)
    {
        _stripes = stripes;
        _runs = runs;
        Offsets = offsets;
        _stripeStarts = stripeStarts;
    }

    /// <summary>Group g occupies [Offsets[g], Offsets[g+1]) of the buffer.</summary>
    public long[] Offsets { get; }

    public int GroupCount => Offsets.Length - 1;

    public long Total => Offsets[^1];

    public long CountOf(int group) => Offsets[group + 1] - Offsets[group];

    /// <summary>Counts runs whose keys are the groups 0..<paramref name="groupCount"/>-1 themselves.</summary>
    public static GroupLayout Count(Stripe[] stripes, RunSource runs, int groupCount, CancellationToken ct) =>
        Count(stripes, runs, ct, () => (groupCount, null));

    /// <summary>
    /// Counts runs whose keys may be local to each stripe (labels numbered as a stripe meets them):
    /// once every stripe is scanned, <paramref name="groups"/> gives the number of groups and, per
    /// stripe, the group of each of its keys (null: keys are groups).
    /// </summary>
    public static GroupLayout Count(Stripe[] stripes, RunSource runs, CancellationToken ct, Func<(int Count, int[][]? KeyToGroup)> groups)
    {
        var counts = new long[stripes.Length][];
        var kept = new RunLog<GroupRun>[stripes.Length];
        Stripes.Run(stripes, ct, s =>
        {
            var c = new long[256];
            var log = new RunLog<GroupRun>();
            runs(s, (key, start, length) =>
            {
                if (key >= c.Length) Array.Resize(ref c, Math.Max(2 * c.Length, key + 1));
                c[key] += length;
                log.Add(new GroupRun(key, (int)start, length)); // label arrays hold fewer than 2³¹ voxels
            });
            counts[s.Index] = c;
            kept[s.Index] = log;
        });

        var (groupCount, keyToGroup) = groups();
        // Every stripe's share of every group; a stripe's part of a group follows the parts of the stripes above it.
        var shares = new long[stripes.Length][];
        for (int s = 0; s < stripes.Length; s++)
        {
            shares[s] = new long[groupCount];
            var c = counts[s];
            for (int key = 0; key < c.Length; key++)
                if (c[key] != 0) shares[s][keyToGroup is null ? key : keyToGroup[s][key]] += c[key];
        }

        var offsets = new long[groupCount + 1];
        var starts = new long[stripes.Length][];
        for (int s = 0; s < stripes.Length; s++) starts[s] = new long[groupCount];
        long total = 0;
        for (int g = 0; g < groupCount; g++)
        {
            offsets[g] = total;
            for (int s = 0; s < stripes.Length; s++)
            {
                starts[s][g] = total;
                total += shares[s][g];
            }
        }

        offsets[groupCount] = total;
        if (keyToGroup is not null)
            for (int s = 0; s < stripes.Length; s++)
                starts[s] = Array.ConvertAll(keyToGroup[s], g => starts[s][g]); // indexed by the stripe's keys, as its runs are
        return new GroupLayout(stripes, kept, offsets, starts);
    }

    /// <summary>Copies the samples of <paramref name="source"/> into a buffer grouped by key.</summary>
    public T[] Gather<T>(T[] source, CancellationToken ct) where T : unmanaged
    {
        var buffer = GC.AllocateUninitializedArray<T>(checked((int)Total));
        Stripes.Run(_stripes, ct, s =>
        {
            var cursor = (long[])_stripeStarts[s.Index].Clone();
            foreach (var chunk in _runs[s.Index].Chunks())
            {
                foreach (var run in chunk.Span)
                {
                    source.AsSpan(run.Start, run.Length).CopyTo(buffer.AsSpan((int)cursor[run.Group], run.Length));
                    cursor[run.Group] += run.Length;
                }
            }
        });
        return buffer;
    }

    /// <summary>Gives the kept runs back to their pool.</summary>
    public void Dispose()
    {
        foreach (var log in _runs) log.Release();
    }
}
