namespace SegMeasure.Core.Tables;

/// <summary>Table files stacked row by row into one output file (<c>segmeasure table concat</c>).</summary>
public static class TableConcatFile
{
    /// <summary>
    /// Reads <paramref name="inputs"/> in order and writes their rows to <paramref name="output"/>
    /// (format by extension), with a leading <paramref name="sourceColumn"/> naming each row's
    /// input when given. Columns are the union in order of first appearance, widened as
    /// <see cref="TableConcat"/> does. A Parquet output is written as a stream: one input (one
    /// Parquet row group) at a time, so joining the shard tables of a plate never holds every row.
    /// The output may not be one of the inputs.
    /// </summary>
    public static void Write(IReadOnlyList<string> inputs, string output, string? sourceColumn, bool overwrite)
    {
        if (inputs.Count == 0)
            throw new SegMeasureException("SegMeasure.NoInput", ErrorKind.InvalidArgument, "--inputs: no tables given");
        OutputFile.RefuseInput(output, inputs, "an input table");
        OutputFile.RefuseExisting(overwrite, output);
        if (TableFile.FormatOf(output) != TableFormat.Parquet)
        {
            var tables = inputs.Select(p => (p, TableFile.Read(p))).ToList();
            TableFile.Write(output, TableConcat.Concatenate(tables, sourceColumn), overwrite);
            return;
        }

        var columns = UnionOfColumns(inputs, sourceColumn);
        var directory = Path.GetDirectoryName(Path.GetFullPath(output))!;
        if (!Directory.Exists(directory))
            throw new SegMeasureException("SegMeasure.WriteFailed", ErrorKind.WriteError, $"{output}: the folder {directory} does not exist", output);
        OutputFile.Write(output, overwrite, stream =>
        {
            using var writer = ParquetTableFormat.Open(stream, columns);
            foreach (var input in inputs)
                foreach (var chunk in Chunks(input))
                    writer.Add(sourceColumn is null ? chunk : chunk.WithColumn(new TextColumn(sourceColumn, Enumerable.Repeat<string?>(input, chunk.RowCount).ToArray())));
        }, "the table");
    }

    /// <summary>The output's columns: Parquet inputs are asked for their footers only; other tables are read one at a time.</summary>
    private static List<(string Name, ColumnKind Kind)> UnionOfColumns(IReadOnlyList<string> inputs, string? sourceColumn)
    {
        var names = new List<string>();
        var kinds = new Dictionary<string, ColumnKind>(StringComparer.Ordinal);
        foreach (var input in inputs)
            foreach (var (name, kind) in ColumnsOf(input))
            {
                if (name == sourceColumn)
                    throw new SegMeasureException("SegMeasure.DuplicateColumn", ErrorKind.InvalidData,
                        $"{input}: the table already has a column '{sourceColumn}', which the combined table uses for the source file", input);
                if (!kinds.TryGetValue(name, out var known)) { names.Add(name); kinds[name] = kind; }
                else kinds[name] = TableConcat.Widen(known, kind);
            }

        var columns = names.Select(n => (n, kinds[n])).ToList();
        if (sourceColumn is not null) columns.Insert(0, (sourceColumn, ColumnKind.Text));
        return columns;
    }

    private static IEnumerable<(string Name, ColumnKind Kind)> ColumnsOf(string path)
    {
        if (TableFile.FormatOf(path) != TableFormat.Parquet) return TableFile.Read(path).Columns.Select(c => (c.Name, c.Kind));
        return Guarded(path, () =>
        {
            using var stream = File.OpenRead(path);
            return ParquetTableFormat.ReadSchema(stream);
        });
    }

    /// <summary>A table in pieces: a Parquet file row group by row group, any other table whole.</summary>
    private static IEnumerable<MeasurementTable> Chunks(string path)
    {
        if (TableFile.FormatOf(path) != TableFormat.Parquet)
        {
            yield return TableFile.Read(path);
            yield break;
        }

        using var stream = Guarded(path, () => File.OpenRead(path));
        foreach (var group in ParquetTableFormat.ReadRowGroups(stream)) yield return group;
    }

    private static T Guarded<T>(string path, Func<T> read)
    {
        if (!File.Exists(path))
            throw new SegMeasureException("SegMeasure.FileNotFound", ErrorKind.NotFound, $"{path}: no such file", path);
        try
        {
            return read();
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            throw new SegMeasureException("SegMeasure.TableFormat", ErrorKind.InvalidData, $"{path}: cannot read the table as Parquet ({e.Message})", path, e);
        }
    }
}
