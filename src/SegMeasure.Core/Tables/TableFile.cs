namespace SegMeasure.Core.Tables;

/// <summary>
/// Reads and writes measurement tables by extension: <c>.csv</c>, <c>.tsv</c>, <c>.xlsx</c>,
/// <c>.parquet</c> (typed columns kept: integers stay integers); any other or no extension is CSV. Writes go through <see cref="OutputFile"/>.
/// </summary>
public static class TableFile
{
    /// <summary>The format a path's extension selects (case-insensitive).</summary>
    public static TableFormat FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".tsv" => TableFormat.Tsv,
        ".xlsx" => TableFormat.Xlsx,
        ".parquet" => TableFormat.Parquet,
        _ => TableFormat.Csv,
    };

    /// <summary>Reads a table, inferring column types as pandas does. A bad file is a <see cref="SegMeasureException"/> naming it.</summary>
    public static MeasurementTable Read(string path)
    {
        if (!File.Exists(path))
            throw new SegMeasureException("SegMeasure.FileNotFound", ErrorKind.NotFound, $"{path}: no such file", path);
        try
        {
            return FormatOf(path) switch
            {
                TableFormat.Xlsx => XlsxTableFormat.Read(path),
                TableFormat.Parquet => ReadParquet(path),
                TableFormat.Tsv => DelimitedTableFormat.Read(path, '\t'),
                _ => DelimitedTableFormat.Read(path, ','),
            };
        }
        catch (SegMeasureException e) when (e.Path is null)
        {
            throw new SegMeasureException(e.ErrorId, e.Kind, $"{path}: {e.Message}", path, e);
        }
        catch (Exception e) when (e is CsvHelper.CsvHelperException or System.Xml.XmlException or InvalidDataException)
        {
            throw new SegMeasureException("SegMeasure.TableFormat", ErrorKind.InvalidData, $"{path}: cannot read the table ({e.Message})", path, e);
        }
        catch (Exception e) when (e is IOException && FormatOf(path) == TableFormat.Parquet)
        {
            throw new SegMeasureException("SegMeasure.TableFormat", ErrorKind.InvalidData, $"{path}: cannot read the table as Parquet ({e.Message})", path, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SegMeasureException("SegMeasure.ReadFailed", ErrorKind.InvalidData, $"{path}: cannot read the file ({e.Message})", path, e);
        }
    }

    private static MeasurementTable ReadParquet(string path)
    {
        using var stream = File.OpenRead(path);
        return ParquetTableFormat.Read(stream);
    }

    /// <summary>
    /// Writes <paramref name="table"/> in the format the extension selects. An existing file is
    /// replaced only when <paramref name="overwrite"/> is set (see <see cref="OutputFile"/>).
    /// </summary>
    public static void Write(string path, MeasurementTable table, bool overwrite = false)
    {
        // Tables have always reported a missing folder as a failed write (scripts match on the kind).
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(directory))
            throw new SegMeasureException("SegMeasure.WriteFailed", ErrorKind.WriteError, $"{path}: the folder {directory} does not exist", path);
        OutputFile.Write(path, overwrite, stream =>
        {
            switch (FormatOf(path))
            {
                case TableFormat.Xlsx: XlsxTableFormat.Write(stream, table); break;
                case TableFormat.Parquet: ParquetTableFormat.Write(stream, table); break;
                case TableFormat.Tsv: DelimitedTableFormat.Write(stream, table, '\t'); break;
                default: DelimitedTableFormat.Write(stream, table, ','); break;
            }
        }, "the table");
    }
}

/// <summary>The file formats of measurement tables.</summary>
public enum TableFormat
{
    Csv,
    Tsv,
    Xlsx,
    Parquet,
}
