using SegMeasure.Core.Tables;

namespace SegMeasure.Cli.Sweeps;

/// <summary>
/// Feeds a sweep's tables to a <see cref="CombinedTableWriter"/> in sorted input order although
/// parallel workers finish them out of order. A finished table waits only until every input
/// before it has finished (or failed). Memory is bounded by the window: an input may start only
/// when it is fewer than <c>window</c> positions ahead of the next one to be written, so a slow
/// input holds back at most <c>window</c> tables, and the workers wait rather than run ahead.
/// Workers take inputs in sorted order (<see cref="Core.Batch.SweepRunner"/>), so the input that
/// is due is always running and waiting cannot deadlock.
/// </summary>
internal sealed class OrderedTableOutput
{
    private readonly CombinedTableWriter _writer;
    private readonly int _window;
    private readonly object _gate = new();
    private readonly Dictionary<int, (string Source, MeasurementTable? Table)> _finished = [];
    private int _next;
    private Exception? _failure;

    public OrderedTableOutput(CombinedTableWriter writer, int window)
    {
        _writer = writer;
        _window = Math.Max(1, window);
    }

    /// <summary>The most finished tables held at once, waiting for an earlier input.</summary>
    public int MostHeld { get; private set; }

    /// <summary>Blocks until the input at <paramref name="position"/> may start.</summary>
    public void WaitForTurn(int position, CancellationToken cancellationToken)
    {
        lock (_gate)
            while (position >= _next + _window)
            {
                if (_failure is not null) throw new CombinedOutputFailedException(_failure);
                cancellationToken.ThrowIfCancellationRequested();
                Monitor.Wait(_gate, 100);
            }
    }

    /// <summary>Hands over the input at <paramref name="position"/>: its table, or null when it failed; writes every table now due.</summary>
    public void Finish(int position, string source, MeasurementTable? table)
    {
        lock (_gate)
        {
            _finished[position] = (source, table);
            MostHeld = Math.Max(MostHeld, _finished.Count);
            while (_failure is null && _finished.Remove(_next, out var due))
            {
                try
                {
                    if (due.Table is not null) _writer.Add(due.Source, due.Table);
                }
                catch (Exception e)
                {
                    _failure = e;
                }

                _next++;
            }

            if (_failure is not null) _finished.Clear();
            Monitor.PulseAll(_gate);
        }

        if (_failure is not null) throw new CombinedOutputFailedException(_failure);
    }

    /// <summary>Rethrows what made writing the combined table fail, if anything did.</summary>
    public void ThrowIfFailed()
    {
        if (_failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(_failure).Throw();
    }
}

/// <summary>Writing the combined table failed: not one input's failure, so it ends the sweep (<see cref="Core.Batch.SweepRunner.IsInputFailure"/> is false).</summary>
internal sealed class CombinedOutputFailedException(Exception inner) : Exception(inner.Message, inner);
