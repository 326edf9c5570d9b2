namespace SegMeasure.Core.Tables;

/// <summary>
/// Ordered, named, typed columns of equal length; one row per segment, keyed by the column
/// <c>index</c> (the label id) when the table comes from a measurement. Column names follow the
/// spec so tables are interchangeable with the Python tool's CSV files. Immutable: operations
/// return new tables.
/// </summary>
public sealed class MeasurementTable
{
    public const string IndexColumn = "index";

    private readonly TableColumn[] _columns;
    private readonly Dictionary<string, int> _byName;

    public MeasurementTable(IEnumerable<TableColumn> columns)
    {
        _columns = columns.ToArray();
        _byName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < _columns.Length; i++)
        {
            if (!_byName.TryAdd(_columns[i].Name, i))
                throw new SegMeasureException("SegMeasure.DuplicateColumn", ErrorKind.InvalidData, $"the table has two columns named '{_columns[i].Name}'");
            if (_columns[i].Count != _columns[0].Count)
                throw new ArgumentException($"column '{_columns[i].Name}' has {_columns[i].Count} rows, column '{_columns[0].Name}' has {_columns[0].Count}");
        }
    }

    public static MeasurementTable Empty { get; } = new([]);

    public IReadOnlyList<TableColumn> Columns => _columns;
    public IEnumerable<string> ColumnNames => _columns.Select(c => c.Name);
    public int RowCount => _columns.Length == 0 ? 0 : _columns[0].Count;
    public int ColumnCount => _columns.Length;

    public bool HasColumn(string name) => _byName.ContainsKey(name);

    public TableColumn this[string name] =>
        _byName.TryGetValue(name, out var i)
            ? _columns[i]
            : throw new SegMeasureException("SegMeasure.UnknownColumn", ErrorKind.InvalidArgument,
                $"the table has no column '{name}' (columns: {string.Join(", ", ColumnNames)})");

    public TableColumn? Find(string name) => _byName.TryGetValue(name, out var i) ? _columns[i] : null;

    /// <summary>This table with <paramref name="column"/> appended, or replacing the column of that name in place.</summary>
    public MeasurementTable WithColumn(TableColumn column)
    {
        if (RowCount != column.Count && _columns.Length > 0)
            throw new ArgumentException($"column '{column.Name}' has {column.Count} rows, the table has {RowCount}");
        var columns = _columns.ToList();
        if (_byName.TryGetValue(column.Name, out var i)) columns[i] = column;
        else columns.Add(column);
        return new MeasurementTable(columns);
    }

    public MeasurementTable WithoutColumns(IEnumerable<string> names)
    {
        var drop = new HashSet<string>(names, StringComparer.Ordinal);
        return new MeasurementTable(_columns.Where(c => !drop.Contains(c.Name)));
    }

    /// <summary>A table of the rows named by <paramref name="rows"/> (-1 gives a row of missing values).</summary>
    public MeasurementTable TakeRows(IReadOnlyList<int> rows) => new(_columns.Select(c => c.Take(rows)));

    /// <summary>The row as name → value pairs, in column order (what front ends turn into records).</summary>
    public IEnumerable<KeyValuePair<string, object?>> GetRow(int row)
    {
        foreach (var c in _columns)
            yield return new KeyValuePair<string, object?>(c.Name, c.GetValue(row));
    }
}
