namespace SegMeasure.Tests.Shared;

/// <summary>
/// How far the managed heap grows while some work runs: live objects only, sampled every 200 ms
/// after a full collection, so garbage not yet collected does not count. Tests that watch it
/// run alone in their collection, so the heap is theirs.
/// </summary>
internal static class ManagedHeapPeak
{
    /// <summary>Runs <paramref name="work"/> and returns the largest growth of live managed memory seen meanwhile, in bytes.</summary>
    public static long While(Action work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
                Thread.Sleep(200);
            }
        });
        try
        {
            work();
        }
        finally
        {
            stop.Cancel();
            sampler.GetAwaiter().GetResult();
        }

        return peak;
    }
}
