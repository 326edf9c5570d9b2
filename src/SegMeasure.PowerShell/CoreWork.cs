using System.Management.Automation;
using SegMeasure.Core;

namespace SegMeasure.PowerShell;

/// <summary>
/// Runs a long core call on a worker thread while the pipeline thread relays its progress:
/// cmdlets may only write (progress included) from the pipeline thread, and the core reports
/// from its parallel workers. Ctrl+C (StopProcessing) cancels the core through the token.
/// One instance per cmdlet instance; nothing is shared between runspaces.
/// </summary>
internal sealed class CoreWork
{
    private static readonly TimeSpan RelayInterval = TimeSpan.FromMilliseconds(250);

    private readonly CancellationTokenSource _stopping = new();

    public CancellationToken Token => _stopping.Token;

    /// <summary>Called from StopProcessing, on another thread than the pipeline's.</summary>
    public void Stop() => _stopping.Cancel();

    public T Run<T>(Cmdlet cmdlet, int parentActivityId, Func<IProgress<WorkProgress>, CancellationToken, T> work) =>
        RunStreaming<T, object>(cmdlet, parentActivityId, (progress, _, ct) => work(progress, ct), _ => { });

    /// <summary>
    /// As <see cref="Run{T}(Cmdlet, int, Func{IProgress{WorkProgress}, CancellationToken, T})"/>, and the call may hand items
    /// over while it runs (from any thread); <paramref name="onItem"/> gets each on the pipeline thread, in the order they came,
    /// so a batch's results reach the pipeline as they finish rather than at its end.
    /// </summary>
    public T RunStreaming<T, TItem>(Cmdlet cmdlet, int parentActivityId, Func<IProgress<WorkProgress>, Action<TItem>, CancellationToken, T> work, Action<TItem> onItem)
    {
        var latest = new LatestProgress();
        var items = new System.Collections.Concurrent.ConcurrentQueue<TItem>();
        var task = Task.Run(() => work(latest, items.Enqueue, Token), Token);
        void Drain()
        {
            while (items.TryDequeue(out var item)) onItem(item);
        }

        try
        {
            // Poll rather than relay every report: the core may report thousands of times a second.
            while (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(RelayInterval))
            {
                if (latest.TryTake(out var report))
                    cmdlet.WriteProgress(ToRecord(report, parentActivityId));
                Drain();
            }

            if (task.IsCompletedSuccessfully) Drain();
        }
        catch
        {
            // The pipeline stopped taking items (Select-Object -First, an error with -ErrorAction Stop):
            // the call must not go on writing files after the cmdlet has returned.
            _stopping.Cancel();
            try
            {
                task.Wait();
            }
            catch (AggregateException)
            {
            }

            throw;
        }

        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (Token.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        finally
        {
            if (latest.HasReported)
                cmdlet.WriteProgress(new ProgressRecord(parentActivityId + 1, "SegMeasure", "Done") { ParentActivityId = parentActivityId, RecordType = ProgressRecordType.Completed });
        }
    }

    private static ProgressRecord ToRecord(WorkProgress report, int parentActivityId)
    {
        var status = report.Total > 0 ? $"{report.Done} of {report.Total}" : $"{report.Done}";
        var record = new ProgressRecord(parentActivityId + 1, report.Activity, status) { ParentActivityId = parentActivityId };
        if (report.Total > 0) record.PercentComplete = (int)(report.Fraction * 100);
        return record;
    }

    /// <summary>Keeps only the newest report; safe to call from any number of worker threads.</summary>
    private sealed class LatestProgress : IProgress<WorkProgress>
    {
        private readonly object _gate = new();
        private WorkProgress? _pending;

        public bool HasReported { get; private set; }

        public void Report(WorkProgress value)
        {
            lock (_gate)
            {
                _pending = value;
                HasReported = true;
            }
        }

        public bool TryTake(out WorkProgress report)
        {
            lock (_gate)
            {
                report = _pending.GetValueOrDefault();
                bool had = _pending.HasValue;
                _pending = null;
                return had;
            }
        }
    }
}
