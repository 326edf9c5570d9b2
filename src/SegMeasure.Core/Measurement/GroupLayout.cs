namespace SegMeasure.Core.Measurement;

/// <summary>Voxels [Start, Start + Length) of the flattened image belong to group <paramref name="Group"/>.</summary>
internal readonly record struct GroupRun(int Group, int Start, int Length);

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

    public static GroupLayout Count(Stripe[] stripes, RunSource runs, int groupCount, CancellationToken ct)
    {
        var counts = new long[stripes.Length][];
        var kept = new RunLog<GroupRun>[stripes.Length];
        Stripes.Run(stripes, ct, s =>
        {
            var c = new long[groupCount];
            var log = new RunLog<GroupRun>();
            runs(s, (key, start, length) =>
            {
                c[key] += length;
                log.Add(new GroupRun(key, (int)start, length)); // label arrays hold fewer than 2³¹ voxels
            });
            counts[s.Index] = c;
            kept[s.Index] = log;
        });

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
                total += counts[s][g];
            }
        }

        offsets[groupCount] = total;
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
