namespace SegMeasure.Core.Tables;

/// <summary>
/// <c>merge_tables</c>: an outer join of two or more tables on a key column (default
/// <c>index</c>). Every key present in any table gets one row, rows are sorted by key, columns
/// come in table order (the first table's columns as they are, then each further table's
/// non-key columns). A cell no table provides is missing; integer columns stay integer.
/// Non-key columns must be disjoint — a shared name would be silently duplicated or renamed,
/// so it is an error naming the columns (drop them first). Key values must be present and unique
/// within each table, so a join never multiplies rows.
/// </summary>
public static class TableMerge
{
    /// <summary>
    /// What the Table Manipulation widget and <c>table merge</c> do: merge two or more tables on
    /// <paramref name="on"/>, or take a single table as it is, then drop <paramref name="dropColumns"/>.
    /// </summary>
    public static MeasurementTable Combine(IReadOnlyList<(string Name, MeasurementTable Table)> tables, string on, IEnumerable<string> dropColumns)
    {
        if (tables.Count == 0)
            throw new SegMeasureException("SegMeasure.MergeNeedsTwo", ErrorKind.InvalidArgument, "no tables were given");
        var single = tables.Count == 1;
        var merged = single ? tables[0].Table : Merge(tables, on);
        return TableDrop.Drop(merged, dropColumns, single ? tables[0].Name : null);
    }

    /// <summary>Merges tables named "table 1", "table 2", … in error messages.</summary>
    public static MeasurementTable Merge(IReadOnlyList<MeasurementTable> tables, string on = MeasurementTable.IndexColumn) =>
        Merge(tables.Select((t, i) => ($"table {i + 1}", t)).ToList(), on);

    /// <summary>Merges tables; <c>Name</c> (usually the file) identifies a table in error messages.</summary>
    public static MeasurementTable Merge(IReadOnlyList<(string Name, MeasurementTable Table)> tables, string on = MeasurementTable.IndexColumn)
    {
        if (tables.Count < 2)
            throw new SegMeasureException("SegMeasure.MergeNeedsTwo", ErrorKind.InvalidArgument, $"merging needs at least two tables, got {tables.Count}");

        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, table) in tables)
        {
            if (!table.HasColumn(on))
                throw new SegMeasureException("SegMeasure.MissingKey", ErrorKind.InvalidData,
                    $"{name}: the table has no key column '{on}' (columns: {string.Join(", ", table.ColumnNames)})", name);
            var conflicts = table.ColumnNames.Where(c => c != on && owner.ContainsKey(c)).ToList();
            if (conflicts.Count > 0)
                throw new SegMeasureException("SegMeasure.ColumnConflict", ErrorKind.InvalidData,
                    $"column(s) {string.Join(", ", conflicts.Select(c => $"'{c}'"))} appear in both {owner[conflicts[0]]} and {name}; drop them from one table before merging", name);
            foreach (var c in table.ColumnNames.Where(c => c != on)) owner[c] = name;
        }

        var keys = tables.Select(t => MergeKey.Of(t.Table[on], t.Name)).ToList();
        var keyKind = MergeKey.CommonKind(tables.Select(t => t.Table[on]).ToList(), tables.Select(t => t.Name).ToList());

        // Every distinct key, sorted; then for each table, which of its rows holds each key (-1: none).
        var allKeys = keys.SelectMany(k => k.Values).Distinct((IEqualityComparer<object>)MergeKey.Comparer).Order(MergeKey.Comparer).ToList();
        var rowOfKey = keys.Select(k => allKeys.Select(key => k.RowOf(key)).ToList()).ToList();

        var columns = new List<TableColumn>();
        for (int t = 0; t < tables.Count; t++)
        {
            var table = tables[t].Table;
            foreach (var column in table.Columns)
            {
                if (column.Name != on) columns.Add(column.Take(rowOfKey[t]));
                else if (t == 0) columns.Add(MergeKey.Column(on, keyKind, allKeys));
            }
        }

        return new MeasurementTable(columns);
    }
}
