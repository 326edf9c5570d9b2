namespace SegMeasure.Core.Tables;

/// <summary>
/// <c>drop_columns</c>: the table without the named columns. The key column <c>index</c> is the
/// segment identifier and is protected; naming a column the table lacks is an error, so a typo
/// never passes silently.
/// </summary>
public static class TableDrop
{
    /// <summary>Columns that can never be dropped.</summary>
    public static IReadOnlyList<string> ProtectedColumns { get; } = [MeasurementTable.IndexColumn];

    public static MeasurementTable Drop(MeasurementTable table, IEnumerable<string> columns, string? tableName = null)
    {
        var names = columns.ToList();
        var prefix = tableName is null ? "" : $"{tableName}: ";
        var protectedNames = names.Where(ProtectedColumns.Contains).Distinct().ToList();
        if (protectedNames.Count > 0)
            throw new SegMeasureException("SegMeasure.ProtectedColumn", ErrorKind.InvalidArgument,
                $"{prefix}column(s) {Quote(protectedNames)} are protected and cannot be dropped", tableName);
        var missing = names.Where(n => !table.HasColumn(n)).Distinct().ToList();
        if (missing.Count > 0)
            throw new SegMeasureException("SegMeasure.UnknownColumn", ErrorKind.InvalidArgument,
                $"{prefix}column(s) {Quote(missing)} not found in the table (columns: {string.Join(", ", table.ColumnNames)})", tableName);
        return table.WithoutColumns(names);
    }

    private static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
