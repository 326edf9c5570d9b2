namespace SegMeasure.Core.Batch;

/// <summary>
/// One part of a sweep split for several machines: shard <see cref="Index"/> (0-based, so a
/// Slurm array's <c>$SLURM_ARRAY_TASK_ID</c> can be passed as is) of <see cref="Count"/>.
/// Shards are contiguous runs of the sorted inputs whose sizes differ by at most one, so the
/// shard tables joined in shard order are the whole sweep's table in the whole sweep's order.
/// </summary>
public sealed record Shard(int Index, int Count)
{
    /// <summary>The whole sweep as one shard.</summary>
    public static Shard All { get; } = new(0, 1);

    /// <summary>Parses <c>I/N</c> (0 ≤ I &lt; N); anything else is an error quoting the text.</summary>
    public static Shard Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], out var index) && int.TryParse(parts[1], out var count)
            && count >= 1 && index >= 0 && index < count)
            return new Shard(index, count);
        throw new SegMeasureException("SegMeasure.InvalidShard", ErrorKind.InvalidArgument,
            $"--shard '{text}': expected I/N with 0 <= I < N, e.g. 0/4 for the first of four shards");
    }

    /// <summary>The half-open range [start, end) of positions this shard takes out of <paramref name="total"/> items.</summary>
    public (int Start, int End) RangeOf(int total) =>
        ((int)((long)Index * total / Count), (int)((long)(Index + 1) * total / Count));

    /// <summary>The items of this shard, in their given order.</summary>
    public IReadOnlyList<T> Select<T>(IReadOnlyList<T> items)
    {
        var (start, end) = RangeOf(items.Count);
        return items.Skip(start).Take(end - start).ToList();
    }

    public override string ToString() => $"{Index}/{Count}";
}
