namespace SegMeasure.Core.Batch.Cluster;

/// <summary>
/// How a sweep goes onto a Slurm cluster: how many shards (one array task each) and the
/// resources each task asks for. Null resources are left to the cluster's defaults.
/// </summary>
public sealed record SlurmJobOptions
{
    public static SlurmJobOptions Default { get; } = new();

    /// <summary>Array tasks, one shard of the sorted inputs each.</summary>
    public int Shards { get; init; } = 4;

    /// <summary><c>--partition</c>.</summary>
    public string? Partition { get; init; }

    /// <summary><c>--time</c> per task, in Slurm's notation (<c>01:00:00</c>, <c>2-00:00:00</c>).</summary>
    public string? Time { get; init; }

    /// <summary><c>--mem</c> per task (<c>4G</c>).</summary>
    public string? Memory { get; init; }

    /// <summary><c>--cpus-per-task</c>; also the sweep's <c>--jobs</c> unless the command sets it.</summary>
    public int? CpusPerTask { get; init; }

    /// <summary>More <c>#SBATCH</c> lines, with or without the <c>#SBATCH</c> prefix (<c>--account=lab</c>).</summary>
    public IReadOnlyList<string> ExtraLines { get; init; } = [];

    /// <summary><c>--job-name</c> of the array; the merge job adds <c>-merge</c>.</summary>
    public string JobName { get; init; } = "segmeasure";
}
