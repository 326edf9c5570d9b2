using System.Diagnostics;

namespace SegMeasure.Core.Batch;

/// <summary>
/// What makes a sweep re-runnable, in one place for every front end: each input's work is timed
/// and logged (<see cref="StatusLog"/>), its finished output is stamped (<see cref="OutputStamp"/>),
/// and with <see cref="SkipUpToDate"/> an input whose output is up to date is skipped. Outputs
/// themselves are written through <see cref="OutputFile"/> (temporary file, then rename), so a
/// sweep killed at any moment leaves finished outputs whole and no half-written one.
/// Safe to use from parallel workers.
/// </summary>
public sealed class SweepBookkeeper : IDisposable
{
    private readonly StatusLog? _log;

    /// <param name="skipUpToDate">Skip inputs whose output is newer than the inputs and made with the same parameters.</param>
    /// <param name="statusLogPath">Append one JSON line per input here; null: no log.</param>
    public SweepBookkeeper(bool skipUpToDate, string? statusLogPath)
    {
        SkipUpToDate = skipUpToDate;
        _log = statusLogPath is null ? null : StatusLog.Open(statusLogPath);
    }

    public bool SkipUpToDate { get; }

    /// <summary>
    /// With <see cref="SkipUpToDate"/>, true (and logged as skipped) when <paramref name="output"/>
    /// is up to date for <paramref name="inputs"/> and <paramref name="parameterHash"/>.
    /// </summary>
    public bool TrySkip(string file, string output, IReadOnlyList<string?> inputs, string parameterHash)
    {
        if (!SkipUpToDate || !OutputStamp.IsUpToDate(output, inputs, parameterHash)) return false;
        _log?.Add(file, FileStatus.Skipped, 0);
        return true;
    }

    /// <summary>
    /// Runs one input's <paramref name="work"/>; when it succeeds, stamps <paramref name="output"/>
    /// (when given: the work has written it; only with <see cref="SkipUpToDate"/>) and logs the input as done with its row count; when
    /// it fails, logs the error and rethrows.
    /// </summary>
    public T Run<T>(string file, string? output, IReadOnlyList<string?> inputs, string parameterHash, Func<T> work, Func<T, long?>? rows = null)
    {
        var clock = Stopwatch.StartNew();
        T result;
        try
        {
            // What a killed run of this sweep was writing when it died.
            if (output is not null && SkipUpToDate) OutputFile.RemoveAbandonedTemporaries(output);
            result = work();
            // Only a re-runnable sweep leaves stamps beside its outputs.
            if (output is not null && SkipUpToDate) OutputStamp.Write(output, inputs, parameterHash);
        }
        catch (Exception e) when (SweepRunner.IsInputFailure(e))
        {
            _log?.Add(file, FileStatus.Failed, clock.Elapsed.TotalSeconds, error: e.Message);
            throw;
        }

        _log?.Add(file, FileStatus.Done, clock.Elapsed.TotalSeconds, rows?.Invoke(result));
        return result;
    }

    public void Dispose() => _log?.Dispose();
}
