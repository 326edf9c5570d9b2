namespace SegMeasure.Core.Tables;

/// <summary>
/// The key column of one table in a merge: its values (numbers compare by value, so an integer
/// key 3 joins a double key 3.0; text compares ordinally) and the row holding each value.
/// </summary>
internal sealed class MergeKey
{
    private readonly Dictionary<object, int> _rows;

    private MergeKey(Dictionary<object, int> rows) => _rows = rows;

    /// <summary>Numbers before text (a mix is refused earlier), numbers by value, text ordinally.</summary>
    public static IComparer<object> Comparer { get; } = new KeyComparer();

    public IEnumerable<object> Values => _rows.Keys;

    public int RowOf(object key) => _rows.TryGetValue(key, out var row) ? row : -1;

    public static MergeKey Of(TableColumn column, string tableName)
    {
        var rows = new Dictionary<object, int>((IEqualityComparer<object>)Comparer);
        for (int r = 0; r < column.Count; r++)
        {
            if (column.IsMissing(r))
                throw new SegMeasureException("SegMeasure.MissingKeyValue", ErrorKind.InvalidData,
                    $"{tableName}: row {r + 1} has no value in the key column '{column.Name}'", tableName);
            object key = column switch
            {
                TextColumn text => text[r]!,
                IntegerColumn integer => integer[r]!.Value,
                _ => column.GetDouble(r),
            };
            if (!rows.TryAdd(key, r))
                throw new SegMeasureException("SegMeasure.DuplicateKey", ErrorKind.InvalidData,
                    $"{tableName}: the key '{CellText.Format(column.GetValue(r))}' appears more than once in column '{column.Name}'", tableName);
        }

        return new MergeKey(rows);
    }

    /// <summary>The kind of the merged key column: integer when every non-empty table's key is, text when all are text; mixing text and numbers is an error.</summary>
    public static ColumnKind CommonKind(IReadOnlyList<TableColumn> keyColumns, IReadOnlyList<string> tableNames)
    {
        // An empty table says nothing about its key's type (a header-only file reads as double).
        var informative = keyColumns.Select((c, i) => (c, i)).Where(x => x.c.Count > 0).ToList();
        if (informative.Count == 0) informative = keyColumns.Select((c, i) => (c, i)).ToList();
        bool anyText = informative.Any(x => x.c.Kind == ColumnKind.Text);
        bool anyNumber = informative.Any(x => x.c.Kind != ColumnKind.Text);
        if (anyText && anyNumber)
        {
            var text = informative.First(x => x.c.Kind == ColumnKind.Text);
            var number = informative.First(x => x.c.Kind != ColumnKind.Text);
            throw new SegMeasureException("SegMeasure.KeyTypeMismatch", ErrorKind.InvalidData,
                $"the key column '{text.c.Name}' holds text in {tableNames[text.i]} but numbers in {tableNames[number.i]}", tableNames[text.i]);
        }

        if (anyText) return ColumnKind.Text;
        return informative.All(x => x.c.Kind == ColumnKind.Integer) ? ColumnKind.Integer : ColumnKind.Double;
    }

    public static TableColumn Column(string name, ColumnKind kind, IReadOnlyList<object> keys) => kind switch
    {
        ColumnKind.Integer => new IntegerColumn(name, keys.Select(k => (long?)(long)k).ToArray()),
        ColumnKind.Double => new DoubleColumn(name, keys.Select(k => k is long l ? l : (double)k).ToArray()),
        _ => new TextColumn(name, keys.Select(k => (string?)k).ToArray()),
    };

    private sealed class KeyComparer : IComparer<object>, IEqualityComparer<object>
    {
        public int Compare(object? x, object? y) => (x, y) switch
        {
            (long a, long b) => a.CompareTo(b),
            (long or double, long or double) => Convert.ToDouble(x).CompareTo(Convert.ToDouble(y)),
            (string a, string b) => string.CompareOrdinal(a, b),
            (long or double, _) => -1,
            _ => 1,
        };

        public new bool Equals(object? x, object? y) => Compare(x, y) == 0;

        // Equal numbers hash alike whether stored as long or double (3 and 3.0, 0.0 and -0.0).
        public int GetHashCode(object obj) => obj switch
        {
            double d when d == Math.Floor(d) && Math.Abs(d) < 9.2e18 => ((long)d).GetHashCode(),
            _ => obj.GetHashCode(),
        };
    }
}
