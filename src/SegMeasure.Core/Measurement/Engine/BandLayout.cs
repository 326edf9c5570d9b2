namespace SegMeasure.Core.Measurement.Engine;

/// <summary>
/// How a pass splits an image's rows into stripes that workers scan on their own, and how much it
/// may spend on id lookup tables. In memory, tables as large as the image cost nothing extra; when
/// rows are decoded from a file band by band, tables are held to 2²⁴ entries (64 MiB) so that
/// sparse large ids cannot cost more than a band, and lookups above that search instead: the
/// numbering, hence the table, is the same either way.
/// </summary>
/// <param name="StripeRows">Rows per stripe; 0 gives one stripe per core (at most 8). Tests force
/// small stripes (1, 3, 7 rows) to put objects across many stripe edges.</param>
/// <param name="Streaming">Rows come from a file: bound lookup tables as above.</param>
internal sealed record BandLayout(int StripeRows = 0, bool Streaming = false)
{
    private const long StreamingLookupVoxels = 1 << 24;

    public static BandLayout InMemory { get; } = new();

    public static BandLayout FromFile { get; } = new(Streaming: true);

    public Stripe[] Split(int rowCount) =>
        StripeRows > 0 ? Stripes.Split(rowCount, (rowCount + StripeRows - 1) / StripeRows) : Stripes.Split(rowCount);

    /// <summary>Runs the stripes on at most one worker per core: each running stripe holds one decoded band.</summary>
    public void Run(Stripe[] stripes, CancellationToken ct, Action<Stripe> body)
    {
        var options = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Math.Min(stripes.Length, Math.Max(1, Environment.ProcessorCount)) };
        try
        {
            Parallel.ForEach(stripes, options, body);
        }
        catch (AggregateException e) when (e.InnerExceptions.FirstOrDefault(x => x is SegMeasureException or IOException) is { } first)
        {
            // A bad band is reported as itself (naming file and position), not wrapped by the parallel loop.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
        }
    }

    /// <summary>The voxel count lookup tables may be sized for, for a part of <paramref name="voxels"/> voxels.</summary>
    public long LookupVoxels(long voxels) => Streaming ? Math.Min(voxels, StreamingLookupVoxels) : voxels;
}
