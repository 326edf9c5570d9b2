namespace SegMeasure.Core.Tables;

/// <summary>
/// Stacks the tables of a sweep into one, with a leading column naming where each row came
/// from (like <c>pandas.concat</c> with a source column). Columns are the union in order of
/// first appearance; a column missing from a table is missing in its rows. A column that is
/// integer in one table and double in another becomes double; text with numbers becomes text.
/// </summary>
public static class TableConcat
{
    /// <summary>The column that names the source file of each row in a combined sweep table.</summary>
    public const string SourceColumn = "segmentation";

    /// <summary>
    /// Stacks <paramref name="parts"/>; with <paramref name="sourceColumn"/> null the rows are only
    /// stacked (shard tables of one sweep already name their source files).
    /// </summary>
    public static MeasurementTable Concatenate(IReadOnlyList<(string Source, MeasurementTable Table)> parts, string? sourceColumn = SourceColumn)
    {
        foreach (var (source, table) in parts)
            if (sourceColumn is not null && table.HasColumn(sourceColumn))
                throw new SegMeasureException("SegMeasure.DuplicateColumn", ErrorKind.InvalidData,
                    $"{source}: the table already has a column '{sourceColumn}', which the combined table uses for the source file", source);

        var names = new List<string>();
        var kinds = new Dictionary<string, ColumnKind>(StringComparer.Ordinal);
        foreach (var (_, table) in parts)
            foreach (var column in table.Columns)
            {
                if (!kinds.TryGetValue(column.Name, out var kind)) { names.Add(column.Name); kinds[column.Name] = column.Kind; }
                else kinds[column.Name] = Widen(kind, column.Kind);
            }

        int rows = parts.Sum(p => p.Table.RowCount);
        var sources = new string?[rows];
        int offset = 0;
        foreach (var (source, table) in parts)
        {
            Array.Fill(sources, source, offset, table.RowCount);
            offset += table.RowCount;
        }

        var columns = new List<TableColumn>();
        if (sourceColumn is not null) columns.Add(new TextColumn(sourceColumn, sources));
        columns.AddRange(names.Select(n => Stack(n, kinds[n], parts.Select(p => p.Table), rows)));
        return new MeasurementTable(columns);
    }

    internal static ColumnKind Widen(ColumnKind a, ColumnKind b) =>
        a == b ? a : a == ColumnKind.Text || b == ColumnKind.Text ? ColumnKind.Text : ColumnKind.Double;

    /// <summary>
    /// <paramref name="table"/> with exactly <paramref name="columns"/>, in their order and of their
    /// kinds (a column missing from the table is missing values, a narrower kind is widened), as the
    /// table's rows would be in a combined table with those columns.
    /// </summary>
    public static MeasurementTable Conform(MeasurementTable table, IReadOnlyList<(string Name, ColumnKind Kind)> columns) =>
        new(columns.Select(c => table.Find(c.Name) is { } own && own.Kind == c.Kind ? own : Stack(c.Name, c.Kind, [table], table.RowCount)));

    private static TableColumn Stack(string name, ColumnKind kind, IEnumerable<MeasurementTable> tables, int rows)
    {
        switch (kind)
        {
            case ColumnKind.Integer:
            {
                var values = new long?[rows];
                int at = 0;
                foreach (var t in tables)
                {
                    if (t.Find(name) is IntegerColumn c) for (int r = 0; r < t.RowCount; r++) values[at + r] = c[r];
                    at += t.RowCount;
                }

                return new IntegerColumn(name, values);
            }

            case ColumnKind.Double:
            {
                var values = new double[rows];
                Array.Fill(values, double.NaN);
                int at = 0;
                foreach (var t in tables)
                {
                    if (t.Find(name) is { } c) for (int r = 0; r < t.RowCount; r++) values[at + r] = c.GetDouble(r);
                    at += t.RowCount;
                }

                return new DoubleColumn(name, values);
            }

            default:
            {
                var values = new string?[rows];
                int at = 0;
                foreach (var t in tables)
                {
                    if (t.Find(name) is { } c) for (int r = 0; r < t.RowCount; r++) values[at + r] = CellText.Format(c.GetValue(r));
                    at += t.RowCount;
                }

                return new TextColumn(name, values);
            }
        }
    }
}
