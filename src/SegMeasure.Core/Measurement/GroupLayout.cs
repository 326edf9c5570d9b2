namespace SegMeasure.Core.Measurement;

/// <summary>
/// Where each group's values go in one flat buffer: a counting sort of voxels by group key.
/// Counting happens once; gathering can then be repeated for every channel. Each stripe owns a
/// reserved range inside every group, so the parallel scatter is race-free and its order (raster
/// order) does not depend on the number of stripes.
/// </summary>
internal sealed class GroupLayout
{
    private readonly Stripe[] _stripes;
    private readonly RunSource _runs;
    private readonly long[][] _stripeStarts;

    private GroupLayout(Stripe[] stripes, RunSource runs, long[] offsets, long[][] stripeStarts)
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
        Stripes.Run(stripes, ct, s =>
        {
            var c = new long[groupCount];
            runs(s, (key, _, length) => c[key] += length);
            counts[s.Index] = c;
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
        return new GroupLayout(stripes, runs, offsets, starts);
    }

    /// <summary>Copies the samples of <paramref name="source"/> into a buffer grouped by key.</summary>
    public T[] Gather<T>(T[] source, CancellationToken ct) where T : unmanaged
    {
        var buffer = GC.AllocateUninitializedArray<T>(checked((int)Total));
        Stripes.Run(_stripes, ct, s =>
        {
            var cursor = (long[])_stripeStarts[s.Index].Clone();
            _runs(s, (key, start, length) =>
            {
                source.AsSpan((int)start, length).CopyTo(buffer.AsSpan((int)cursor[key], length));
                cursor[key] += length;
            });
        });
        return buffer;
    }
}
