using DuckDB.NET.Data;

namespace SegMeasure.Core.Tests.Tables;

/// <summary>DuckDB (in-process, its own C++ Parquet reader) as the independent reader of the Parquet tables SegMeasure writes.</summary>
public static class DuckDb
{
    /// <summary>The rows of <paramref name="sql"/>, each as an array of values (DBNull as null).</summary>
    public static List<object?[]> Query(string sql)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (int i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>A path as a SQL string literal.</summary>
    public static string Literal(string path) => "'" + path.Replace("'", "''") + "'";
}
