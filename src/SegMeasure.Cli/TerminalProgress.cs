using SegMeasure.Core;

namespace SegMeasure.Cli;

/// <summary>A one-line progress bar redrawn in place on a terminal's stderr, at most ten times a second.</summary>
internal sealed class TerminalProgress : IProgress<WorkProgress>
{
    private const int BarWidth = 30;
    private readonly TextWriter _error;
    private readonly object _gate = new();
    private long _lastDrawTicks;

    public TerminalProgress(TextWriter error) => _error = error;

    public void Report(WorkProgress value)
    {
        lock (_gate)
        {
            var now = Environment.TickCount64;
            bool finished = value.Total > 0 && value.Done >= value.Total;
            if (!finished && now - _lastDrawTicks < 100) return;
            _lastDrawTicks = now;
            var filled = (int)Math.Round(value.Fraction * BarWidth);
            var bar = new string('#', filled) + new string('-', BarWidth - filled);
            var count = value.Total > 0 ? $"{value.Done}/{value.Total}" : $"{value.Done}";
            _error.Write($"\r{value.Activity} [{bar}] {count}\u001b[K");
            if (finished) _error.WriteLine();
        }
    }
}
