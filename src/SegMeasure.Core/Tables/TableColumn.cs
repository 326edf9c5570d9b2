namespace SegMeasure.Core.Tables;

/// <summary>The type of a table column. Integers stay integers (missing = null), doubles use NaN
/// as the missing value, text uses null.</summary>
public enum ColumnKind
{
    Integer,
    Double,
    Text,
}

/// <summary>One named, typed column of a <see cref="MeasurementTable"/>.</summary>
public abstract class TableColumn
{
    protected TableColumn(string name)
    {
        if (string.IsNullOrEmpty(name)) throw new ArgumentException("a column needs a name", nameof(name));
        Name = name;
    }

    public string Name { get; }
    public abstract ColumnKind Kind { get; }
    public abstract int Count { get; }

    /// <summary>The value as a boxed long, double or string; null when missing (NaN stays a double NaN).</summary>
    public abstract object? GetValue(int row);

    public abstract bool IsMissing(int row);

    /// <summary>A copy of this column under another name.</summary>
    public abstract TableColumn Rename(string name);

    /// <summary>A column of the same kind holding the rows named by <paramref name="rows"/>; -1 gives a missing value.</summary>
    public abstract TableColumn Take(IReadOnlyList<int> rows);

    /// <summary>The value as a double: integers converted, missing as NaN; text is not numeric.</summary>
    public virtual double GetDouble(int row) => throw new InvalidOperationException($"column '{Name}' holds text, not numbers");
}

public sealed class IntegerColumn : TableColumn
{
    private readonly long?[] _values;

    public IntegerColumn(string name, long?[] values) : base(name) => _values = values;

    public IntegerColumn(string name, IEnumerable<long> values) : base(name) => _values = values.Select(v => (long?)v).ToArray();

    public override ColumnKind Kind => ColumnKind.Integer;
    public override int Count => _values.Length;
    public long? this[int row] => _values[row];
    public IReadOnlyList<long?> Values => _values;
    public override object? GetValue(int row) => _values[row];
    public override bool IsMissing(int row) => _values[row] is null;
    public override double GetDouble(int row) => _values[row] is { } v ? v : double.NaN;
    public override TableColumn Rename(string name) => new IntegerColumn(name, _values);
    public override TableColumn Take(IReadOnlyList<int> rows) => new IntegerColumn(Name, rows.Select(r => r < 0 ? null : _values[r]).ToArray());
}

public sealed class DoubleColumn : TableColumn
{
    private readonly double[] _values;

    public DoubleColumn(string name, double[] values) : base(name) => _values = values;

    public override ColumnKind Kind => ColumnKind.Double;
    public override int Count => _values.Length;
    public double this[int row] => _values[row];
    public IReadOnlyList<double> Values => _values;
    public override object? GetValue(int row) => _values[row];
    public override bool IsMissing(int row) => double.IsNaN(_values[row]);
    public override double GetDouble(int row) => _values[row];
    public override TableColumn Rename(string name) => new DoubleColumn(name, _values);
    public override TableColumn Take(IReadOnlyList<int> rows) => new DoubleColumn(Name, rows.Select(r => r < 0 ? double.NaN : _values[r]).ToArray());
}

public sealed class TextColumn : TableColumn
{
    private readonly string?[] _values;

    public TextColumn(string name, string?[] values) : base(name) => _values = values;

    public override ColumnKind Kind => ColumnKind.Text;
    public override int Count => _values.Length;
    public string? this[int row] => _values[row];
    public IReadOnlyList<string?> Values => _values;
    public override object? GetValue(int row) => _values[row];
    public override bool IsMissing(int row) => _values[row] is null;
    public override TableColumn Rename(string name) => new TextColumn(name, _values);
    public override TableColumn Take(IReadOnlyList<int> rows) => new TextColumn(Name, rows.Select(r => r < 0 ? null : _values[r]).ToArray());
}
