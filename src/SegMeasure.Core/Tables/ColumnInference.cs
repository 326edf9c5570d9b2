using System.Globalization;

namespace SegMeasure.Core.Tables;

/// <summary>
/// Decides a column's type from its cells the way <c>pandas.read_csv</c> does: integer when
/// every present cell is an integer, double when every present cell is a number (including
/// <c>inf</c>, <c>nan</c>), text otherwise — and text keeps the cells exactly as written.
/// pandas' default missing-value markers (empty, <c>NaN</c>, <c>NA</c>, <c>null</c>, …) are
/// missing. Unlike pandas, an integer column with missing cells stays integer (so a table
/// written after an outer join reads back as it was); a column with no values at all is double.
/// </summary>
internal static class ColumnInference
{
    // pandas' default na_values (pandas/_libs/parsers.pyx, STR_NA_VALUES).
    private static readonly HashSet<string> MissingMarkers = new(StringComparer.Ordinal)
    {
        "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
        "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null",
    };

    /// <summary>A column from the text cells of a delimited file (null = no cell).</summary>
    public static TableColumn FromText(string name, IReadOnlyList<string?> cells)
    {
        var column = new StreamingColumn(name);
        foreach (var cell in cells) column.Add(cell);
        if (column.NeedsEarlierText) column.SetEarlierText(cells.Take(column.EarlierTextCount).ToList());
        return column.Build();
    }

    /// <summary>Empty or one of pandas' missing-value markers.</summary>
    internal static bool IsMissing(string? cell) =>
        cell is null || cell.Length == 0 || (cell.Length <= 8 && MissingMarkers.Contains(cell));

    internal static bool TryParseInteger(string cell, out long value) =>
        long.TryParse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out value);

    internal static bool TryParseNumber(string cell, out double value)
    {
        if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return true;
        if (IsInfinity(cell.Trim(), out var inf)) { value = (double)inf; return true; }
        return false;
    }

    /// <summary>
    /// A column from typed cells (long, double, string, null) as a spreadsheet holds them: a
    /// string cell is text except the markers a text file uses for missing values and infinities.
    /// </summary>
    public static TableColumn FromCells(string name, IReadOnlyList<object?> cells)
    {
        var values = cells.Select(c => c switch
        {
            string s when MissingMarkers.Contains(s) => null,
            string s when IsInfinity(s, out var inf) => inf,
            _ => c,
        }).ToArray();
        return Build(name, values, cells.Select(c => c as string ?? CellText.Format(c)).ToArray());
    }

    private static bool IsInfinity(string s, out object value)
    {
        value = 0.0;
        if (s.Length is < 3 or > 9) return false;
        var unsigned = s.AsSpan(s[0] is '+' or '-' ? 1 : 0);
        if (!unsigned.Equals("inf", StringComparison.OrdinalIgnoreCase) && !unsigned.Equals("infinity", StringComparison.OrdinalIgnoreCase)) return false;
        value = s[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
        return true;
    }

    private static TableColumn Build(string name, object?[] values, IReadOnlyList<string?> original)
    {
        bool anyValue = values.Any(v => v is not null);
        if (anyValue && values.All(v => v is null or long))
            return new IntegerColumn(name, values.Select(v => (long?)v).ToArray());
        if (values.All(v => v is null or long or double))
            return new DoubleColumn(name, values.Select(v => v switch { long l => l, double d => d, _ => double.NaN }).ToArray());
        return new TextColumn(name, values.Select((v, i) => v is null ? null : original[i]).ToArray());
    }
}
