using System.Globalization;

namespace SegMeasure.Core.Tables;

/// <summary>
/// Builds a table from loosely typed records — objects piped from a measure cmdlet (numbers)
/// or from Import-Csv (strings). A column is integer when every present value is an integer,
/// double when every present value is numeric, text otherwise; empty strings and nulls are
/// missing. Text is parsed in the invariant culture, as the CSV files are written.
/// </summary>
public static class RecordTable
{
    public static MeasurementTable FromRecords(IReadOnlyList<IReadOnlyList<KeyValuePair<string, object?>>> records)
    {
        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in records)
            foreach (var (name, _) in record)
                if (seen.Add(name)) names.Add(name);

        var cells = names.ToDictionary(n => n, _ => new object?[records.Count], StringComparer.Ordinal);
        for (int r = 0; r < records.Count; r++)
            foreach (var (name, value) in records[r])
                cells[name][r] = Normalize(value);

        return new MeasurementTable(names.Select(n => BuildColumn(n, cells[n])));
    }

    /// <summary>Numbers become long or double, numeric text is parsed, blank text is missing.</summary>
    private static object? Normalize(object? value) => value switch
    {
        null => null,
        long or double => value,
        int or short or byte or sbyte or ushort or uint => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        ulong u => u <= long.MaxValue ? (long)u : (double)u,
        float f => (double)f,
        decimal m => (double)m,
        bool b => b ? 1L : 0L,
        string s when string.IsNullOrWhiteSpace(s) => null,
        string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
        string s when TryParseDouble(s, out var d) => d,
        _ => value.ToString(),
    };

    internal static bool TryParseDouble(string s, out double value)
    {
        switch (s.Trim().ToLowerInvariant())
        {
            case "nan": value = double.NaN; return true;
            case "inf" or "+inf" or "infinity": value = double.PositiveInfinity; return true;
            case "-inf" or "-infinity": value = double.NegativeInfinity; return true;
        }

        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private static TableColumn BuildColumn(string name, object?[] values)
    {
        if (values.All(v => v is null or long))
            return new IntegerColumn(name, values.Select(v => (long?)v).ToArray());
        if (values.All(v => v is null or long or double))
            return new DoubleColumn(name, values.Select(v => v switch { long l => l, double d => d, _ => double.NaN }).ToArray());
        return new TextColumn(name, values.Select(v => v switch
        {
            null => null,
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            long l => l.ToString(CultureInfo.InvariantCulture),
            _ => (string)v,
        }).ToArray());
    }
}
