using SegMeasure.Core;
using SegMeasure.Core.Batch;

namespace SegMeasure.Core.Tests.Batch;

public class SweepRunnerTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    /// <summary>A stand-in per-file function: a file holds whitespace-separated integers; anything else is a bad file.</summary>
    private static long SumOfFile(string path, CancellationToken _)
    {
        long sum = 0;
        foreach (var word in File.ReadAllText(path).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (!long.TryParse(word, out var v))
                throw new SegMeasureException("SegMeasure.TestFormat", ErrorKind.InvalidData, $"{path}: '{word}' is not a number", path);
            sum += v;
        }

        return sum;
    }

    [Fact]
    public void A_bad_file_is_reported_and_skipped_and_results_keep_input_order()
    {
        var files = new List<string>();
        for (int i = 0; i < 40; i++)
            files.Add(_tree.File($"in/{i:00}.txt", i == 17 ? "12 corrupt" : $"{i} {i}"));
        files.Add(Path.Combine(_tree.Root, "in", "missing.txt"));

        var result = SweepRunner.Run(files, SumOfFile, jobs: 4);

        Assert.Equal(files, result.Outcomes.Select(o => o.Input));
        Assert.Equal(2, result.FailureCount);
        var corrupt = result.Outcomes[17];
        Assert.False(corrupt.Succeeded);
        Assert.Contains("corrupt", corrupt.Error!.Message);
        Assert.IsType<FileNotFoundException>(result.Outcomes[40].Error);
        for (int i = 0; i < 40; i++)
            if (i != 17) Assert.Equal(2L * i, result.Outcomes[i].Result);
    }

    [Fact]
    public void Work_runs_in_parallel_up_to_the_job_count()
    {
        // The first three items meet before any of them finishes, so a runner that is not parallel
        // shows a peak of 1 (after the generous wait) instead of depending on how the machine schedules.
        int running = 0, peak = 0;
        using var allThreeStarted = new CountdownEvent(3);
        var result = SweepRunner.Run(Enumerable.Range(0, 16).ToList(), (i, _) =>
        {
            int now = Interlocked.Increment(ref running);
            int seen;
            while ((seen = Volatile.Read(ref peak)) < now && Interlocked.CompareExchange(ref peak, now, seen) != seen) { }
            if (i < 3)
            {
                allThreeStarted.Signal();
                allThreeStarted.Wait(TimeSpan.FromSeconds(30));
            }
            Interlocked.Decrement(ref running);
            return i * i;
        }, jobs: 3);

        Assert.Equal(Enumerable.Range(0, 16).Select(i => i * i), result.Outcomes.Select(o => o.Result));
        Assert.Equal(3, peak);
    }

    [Fact]
    public void One_job_runs_items_one_after_another()
    {
        int running = 0, peak = 0;
        SweepRunner.Run(Enumerable.Range(0, 6).ToList(), (i, _) =>
        {
            peak = Math.Max(peak, Interlocked.Increment(ref running));
            Thread.Sleep(5);
            Interlocked.Decrement(ref running);
            return i;
        }, jobs: 1);
        Assert.Equal(1, peak);
    }

    [Fact]
    public void Progress_counts_every_finished_item()
    {
        var reports = new List<WorkProgress>();
        var progress = new SynchronousProgress(reports);
        SweepRunner.Run(Enumerable.Range(0, 5).ToList(), (i, _) => i == 2 ? throw new SegMeasureException("X", ErrorKind.InvalidData, "bad") : i,
            jobs: 2, progress: progress, activity: "Summing");
        Assert.Equal(6, reports.Count);
        Assert.All(reports, r => Assert.Equal("Summing", r.Activity));
        Assert.All(reports, r => Assert.Equal(5, r.Total));
        Assert.Equal([0L, 1, 2, 3, 4, 5], reports.Select(r => r.Done).Order());
    }

    [Fact]
    public void Cancellation_stops_the_sweep()
    {
        using var cts = new CancellationTokenSource();
        int started = 0;
        Assert.ThrowsAny<OperationCanceledException>(() => SweepRunner.Run(Enumerable.Range(0, 1000).ToList(), (i, ct) =>
        {
            if (Interlocked.Increment(ref started) == 3) cts.Cancel();
            ct.ThrowIfCancellationRequested();
            return i;
        }, jobs: 2, cancellationToken: cts.Token));
        Assert.True(started < 1000);
    }

    [Fact]
    public void A_programming_error_is_not_swallowed()
    {
        Assert.Throws<InvalidOperationException>(() => SweepRunner.Run([1, 2, 3], (int i, CancellationToken _) => i == 2 ? throw new InvalidOperationException("bug") : i, jobs: 2));
    }

    [Fact]
    public void Jobs_must_be_positive()
    {
        var e = Assert.Throws<SegMeasureException>(() => SweepRunner.Run([1], (int i, CancellationToken _) => i, jobs: 0));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
    }

    private sealed class SynchronousProgress(List<WorkProgress> reports) : IProgress<WorkProgress>
    {
        public void Report(WorkProgress value)
        {
            lock (reports) reports.Add(value);
        }
    }
}
