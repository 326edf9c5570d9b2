using Parquet;
using Parquet.Schema;

namespace SegMeasure.Core.Tables;

/// <summary>
/// Measurement tables as Apache Parquet (Parquet.Net): integer columns as nullable INT64, double
/// columns as nullable DOUBLE (NaN, the missing value, is stored as null so other readers see a
/// missing cell), text as nullable UTF-8 strings. Other writers' integer types (int8…uint32) read
/// as integers, float and decimal as doubles, booleans as 0/1, anything else as text.
/// Tables are written one row group per chunk, so a long table is written as a stream.
/// </summary>
internal static class ParquetTableFormat
{
    /// <summary>
    /// Rows per row group when one table is written in one go: DuckDB's default size, small enough
    /// that joining tables row group by row group holds little, large enough to compress well.
    /// </summary>
    public const int RowGroupRows = 122_880;

    public static void Write(Stream stream, MeasurementTable table)
    {
        using var writer = Open(stream, table.Columns.Select(c => (c.Name, c.Kind)));
        for (int start = 0; start < Math.Max(table.RowCount, 1); start += RowGroupRows)
        {
            var rows = Enumerable.Range(start, Math.Min(RowGroupRows, table.RowCount - start)).ToList();
            writer.Add(rows.Count == table.RowCount ? table : table.TakeRows(rows));
        }
    }

    /// <summary>A stream of tables with the same columns written as consecutive row groups.</summary>
    public static ParquetChunkWriter Open(Stream stream, IEnumerable<(string Name, ColumnKind Kind)> columns) => new(stream, SchemaOf(columns));

    private static ParquetSchema SchemaOf(IEnumerable<(string Name, ColumnKind Kind)> columns)
    {
        return new(columns.Select(c => (Field)(c.Kind switch
        {
            ColumnKind.Integer => new DataField<long?>(c.Name),
            ColumnKind.Double => new DataField<double?>(c.Name),
            _ => new DataField<string>(c.Name, true),
        })).ToArray());
    }

    /// <summary>The column names and kinds of a Parquet file, from its footer only.</summary>
    public static IReadOnlyList<(string Name, ColumnKind Kind)> ReadSchema(Stream stream)
    {
        var schema = Sync(() => ParquetReader.ReadSchemaAsync(stream));
        return schema.GetDataFields().Select(f => (f.Name, KindOf(f))).ToList();
    }

    /// <summary>Every row group in turn, each as a table: a long file is read one row group at a time.</summary>
    public static IEnumerable<MeasurementTable> ReadRowGroups(Stream stream)
    {
        var reader = Sync(() => ParquetReader.CreateAsync(stream, null, true, default));
        try
        {
            var fields = reader.Schema.GetDataFields();
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                var group = reader.OpenRowGroupReader(g);
                int rows = checked((int)group.RowCount);
                yield return new MeasurementTable(fields.Select(f => ReadColumn(group, f, rows)).ToList());
            }
        }
        finally
        {
            Sync(() => reader.DisposeAsync().AsTask());
        }
    }

    public static MeasurementTable Read(Stream stream)
    {
        var groups = ReadRowGroups(stream).ToList();
        if (groups.Count == 1) return groups[0];
        if (groups.Count == 0)
        {
            stream.Position = 0;
            return new MeasurementTable(ReadSchema(stream).Select(c => Empty(c.Name, c.Kind)));
        }

        return new MeasurementTable(groups[0].Columns.Select((c, i) => Stack(c.Name, c.Kind, groups.Select(g => g.Columns[i]))));
    }

    private static Type ValueType(DataField field) => Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;

    /// <summary>Parquet.Net reports UTF-8 columns of files it reads as ReadOnlyMemory&lt;char&gt;.</summary>
    private static bool IsText(Type type) => type == typeof(string) || type == typeof(ReadOnlyMemory<char>);

    private static ColumnKind KindOf(DataField field)
    {
        var type = ValueType(field);
        if (type == typeof(long) || type == typeof(int) || type == typeof(short) || type == typeof(sbyte) || type == typeof(byte)
            || type == typeof(ushort) || type == typeof(uint) || type == typeof(bool)) return ColumnKind.Integer;
        if (type == typeof(double) || type == typeof(float)) return ColumnKind.Double;
        if (IsText(type)) return ColumnKind.Text;
        throw new SegMeasureException("SegMeasure.TableFormat", ErrorKind.InvalidData,
            $"column '{field.Name}' holds {type.Name} values; measurement tables hold integers, numbers and text");
    }

    private static TableColumn ReadColumn(ParquetRowGroupReader group, DataField field, int rows)
    {
        var type = ValueType(field);
        if (IsText(type))
        {
            var text = new string?[rows];
            Sync(() => group.ReadAsync(field, text.AsMemory(), null, default).AsTask());
            return new TextColumn(field.Name, text);
        }

        if (type == typeof(double)) return new DoubleColumn(field.Name, Read<double>(group, field, rows).Select(v => v ?? double.NaN).ToArray());
        if (type == typeof(float)) return new DoubleColumn(field.Name, Read<float>(group, field, rows).Select(v => v is { } f ? (double)f : double.NaN).ToArray());
        if (type == typeof(long)) return new IntegerColumn(field.Name, Read<long>(group, field, rows));
        if (type == typeof(int)) return Integers(field, Read<int>(group, field, rows), v => v);
        if (type == typeof(uint)) return Integers(field, Read<uint>(group, field, rows), v => v);
        if (type == typeof(short)) return Integers(field, Read<short>(group, field, rows), v => v);
        if (type == typeof(ushort)) return Integers(field, Read<ushort>(group, field, rows), v => v);
        if (type == typeof(sbyte)) return Integers(field, Read<sbyte>(group, field, rows), v => v);
        if (type == typeof(byte)) return Integers(field, Read<byte>(group, field, rows), v => v);
        return Integers(field, Read<bool>(group, field, rows), v => v ? 1 : 0);
    }

    private static IntegerColumn Integers<T>(DataField field, T?[] values, Func<T, long> widen) where T : struct =>
        new(field.Name, values.Select(v => v is { } x ? widen(x) : (long?)null).ToArray());

    /// <summary>A column as nullable values, whether the file stores it as required or optional.</summary>
    private static T?[] Read<T>(ParquetRowGroupReader group, DataField field, int rows) where T : struct
    {
        var values = new T?[rows];
        if (field.IsNullable)
            Sync(() => group.ReadAsync<T>(field, values.AsMemory(), null, default).AsTask());
        else
        {
            var plain = new T[rows];
            Sync(() => group.ReadAsync<T>(field, plain.AsMemory(), null, default).AsTask());
            for (int i = 0; i < rows; i++) values[i] = plain[i];
        }

        return values;
    }

    private static TableColumn Empty(string name, ColumnKind kind) => kind switch
    {
        ColumnKind.Integer => new IntegerColumn(name, Array.Empty<long?>()),
        ColumnKind.Double => new DoubleColumn(name, []),
        _ => new TextColumn(name, []),
    };

    private static TableColumn Stack(string name, ColumnKind kind, IEnumerable<TableColumn> parts) => kind switch
    {
        ColumnKind.Integer => new IntegerColumn(name, parts.SelectMany(p => ((IntegerColumn)p).Values).ToArray()),
        ColumnKind.Double => new DoubleColumn(name, parts.SelectMany(p => ((DoubleColumn)p).Values).ToArray()),
        _ => new TextColumn(name, parts.SelectMany(p => ((TextColumn)p).Values).ToArray()),
    };

    /// <summary>Parquet.Net is asynchronous; tables are read and written synchronously, off any synchronization context.</summary>
    internal static T Sync<T>(Func<Task<T>> work) => Task.Run(work).GetAwaiter().GetResult();

    internal static void Sync(Func<Task> work) => Task.Run(work).GetAwaiter().GetResult();
}

/// <summary>Writes tables with one schema as consecutive Parquet row groups; the file is complete on dispose.</summary>
internal sealed class ParquetChunkWriter : IDisposable
{
    private readonly ParquetWriter _writer;
    private readonly DataField[] _fields;

    internal ParquetChunkWriter(Stream stream, ParquetSchema schema)
    {
        _fields = schema.GetDataFields();
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy };
        _writer = ParquetTableFormat.Sync(() => ParquetWriter.CreateAsync(schema, stream, options, false, default));
    }

    /// <summary>Appends <paramref name="table"/> as one row group; its columns are matched by name (a missing one is missing values).</summary>
    public void Add(MeasurementTable table)
    {
        using var group = _writer.CreateRowGroup();
        int rows = table.RowCount;
        foreach (var field in _fields)
        {
            var column = table.Find(field.Name);
            var type = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
            if (type == typeof(long))
            {
                var values = new long?[rows];
                if (column is IntegerColumn integers) for (int i = 0; i < rows; i++) values[i] = integers[i];
                else if (column is not null) throw Mismatch(field, column);
                ParquetTableFormat.Sync(() => group.WriteAsync<long>(field, values.AsMemory(), null, null, default));
            }
            else if (type == typeof(double))
            {
                var values = new double?[rows];
                if (column is not null and not TextColumn)
                    for (int i = 0; i < rows; i++) values[i] = column.GetDouble(i) is var v && double.IsNaN(v) ? null : v;
                else if (column is not null) throw Mismatch(field, column);
                ParquetTableFormat.Sync(() => group.WriteAsync<double>(field, values.AsMemory(), null, null, default));
            }
            else
            {
                var text = new string?[rows];
                if (column is not null) for (int i = 0; i < rows; i++) text[i] = CellText.Format(column.GetValue(i));
                ParquetTableFormat.Sync(() => group.WriteAsync(field, text!, null));
            }
        }
    }

    private static SegMeasureException Mismatch(DataField field, TableColumn column) =>
        new("SegMeasure.TableFormat", ErrorKind.InvalidData, $"column '{field.Name}' holds {column.Kind} values where the Parquet schema has {field.ClrType.Name}");

    public void Dispose() => ParquetTableFormat.Sync(() => _writer.DisposeAsync().AsTask());
}
