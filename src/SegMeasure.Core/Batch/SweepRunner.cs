namespace SegMeasure.Core.Batch;

/// <summary>
/// Runs one function per input in parallel and keeps going past bad inputs: an input whose work
/// throws a <see cref="SegMeasureException"/> or an I/O error is recorded as failed and the
/// others continue. Results come back in input order whatever order the work finished in.
/// Any other exception is a bug and ends the sweep.
/// </summary>
public static class SweepRunner
{
    /// <summary>
    /// Calls <paramref name="work"/> for every item, at most <paramref name="jobs"/> at a time
    /// (null: one per processor), reporting each finished item through <paramref name="progress"/>
    /// under <paramref name="activity"/>. Cancelling stops starting new items and throws
    /// <see cref="OperationCanceledException"/>; the token is passed on so long items can stop too.
    /// </summary>
    public static SweepResult<TInput, TResult> Run<TInput, TResult>(
        IReadOnlyList<TInput> items,
        Func<TInput, CancellationToken, TResult> work,
        int? jobs = null,
        IProgress<WorkProgress>? progress = null,
        string activity = "Processing files",
        CancellationToken cancellationToken = default)
    {
        int parallelism = jobs ?? Environment.ProcessorCount;
        if (parallelism < 1)
            throw new SegMeasureException("SegMeasure.InvalidJobs", ErrorKind.InvalidArgument, $"the number of parallel jobs must be at least 1, not {parallelism}");

        var outcomes = new SweepOutcome<TInput, TResult>[items.Count];
        long done = 0;
        int next = -1;
        Exception? fatal = null;
        progress?.Report(new WorkProgress(activity, 0, items.Count));

        // Dedicated threads rather than the thread pool: per-file work blocks on I/O and may use
        // the pool itself, so a busy pool must not quietly serialise the sweep.
        void Worker()
        {
            int i;
            while (!cancellationToken.IsCancellationRequested && Volatile.Read(ref fatal) is null
                   && (i = Interlocked.Increment(ref next)) < items.Count)
            {
                var item = items[i];
                try
                {
                    outcomes[i] = SweepOutcome<TInput, TResult>.Success(item, work(item, cancellationToken));
                }
                catch (Exception e) when (IsInputFailure(e))
                {
                    outcomes[i] = SweepOutcome<TInput, TResult>.Failure(item, e);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref fatal, e, null);
                    return;
                }

                progress?.Report(new WorkProgress(activity, Interlocked.Increment(ref done), items.Count));
            }
        }

        var threads = Enumerable.Range(1, Math.Min(parallelism, items.Count) - 1)
            .Select(k => new Thread(Worker) { IsBackground = true, Name = $"sweep worker {k}" })
            .ToList();
        threads.ForEach(t => t.Start());
        Worker();
        threads.ForEach(t => t.Join());

        // A cancellation thrown from inside the work is the cancellation, not a bug.
        cancellationToken.ThrowIfCancellationRequested();
        if (fatal is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(fatal).Throw();
        return new SweepResult<TInput, TResult>(outcomes);
    }

    /// <summary>Failures that belong to one input (bad file, unreadable file) rather than to the program.</summary>
    public static bool IsInputFailure(Exception e) =>
        e is SegMeasureException or IOException or UnauthorizedAccessException or InvalidDataException;
}

/// <summary>What happened to one input of a sweep: its result, or the error that made it fail.</summary>
public sealed class SweepOutcome<TInput, TResult>
{
    private SweepOutcome(TInput input, TResult? result, Exception? error)
    {
        Input = input;
        Result = result;
        Error = error;
    }

    public TInput Input { get; }

    /// <summary>The result; default when the input failed.</summary>
    public TResult? Result { get; }

    /// <summary>Why the input failed; null when it succeeded.</summary>
    public Exception? Error { get; }

    public bool Succeeded => Error is null;

    internal static SweepOutcome<TInput, TResult> Success(TInput input, TResult result) => new(input, result, null);

    internal static SweepOutcome<TInput, TResult> Failure(TInput input, Exception error) => new(input, default, error);
}

/// <summary>The outcomes of a sweep in input order.</summary>
public sealed class SweepResult<TInput, TResult>
{
    internal SweepResult(IReadOnlyList<SweepOutcome<TInput, TResult>> outcomes) => Outcomes = outcomes;

    /// <summary>One outcome per input, in input order.</summary>
    public IReadOnlyList<SweepOutcome<TInput, TResult>> Outcomes { get; }

    public IEnumerable<SweepOutcome<TInput, TResult>> Succeeded => Outcomes.Where(o => o.Succeeded);

    public IEnumerable<SweepOutcome<TInput, TResult>> Failed => Outcomes.Where(o => !o.Succeeded);

    public int FailureCount => Outcomes.Count(o => !o.Succeeded);
}
