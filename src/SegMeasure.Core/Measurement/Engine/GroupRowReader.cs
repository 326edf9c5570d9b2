namespace SegMeasure.Core.Measurement.Engine;

/// <summary>
/// Reads the rows of one or more label images front to back and gives each row's runs as groups:
/// the grouping <see cref="StreamedStatistics"/> gathers samples by. One per thread; rows are read
/// in ascending order; the runs of a row are valid until the next call.
/// </summary>
internal abstract class GroupRowReader : IDisposable
{
    private RowRun[] _runs = new RowRun[64];
    private int _count;

    /// <summary>The runs of <paramref name="row"/> that belong to a group, left to right.</summary>
    public ReadOnlySpan<RowRun> Read(int row)
    {
        _count = 0;
        Fill(row);
        return _runs.AsSpan(0, _count);
    }

    protected abstract void Fill(int row);

    protected void Add(int group, int x, int length)
    {
        if (_count == _runs.Length) Array.Resize(ref _runs, 2 * _runs.Length);
        _runs[_count++] = new RowRun(group, x, length);
    }

    public abstract void Dispose();
}

/// <summary>Columns [X, X + Length) of a row belong to group <paramref name="Group"/>.</summary>
internal readonly record struct RowRun(int Group, int X, int Length);
