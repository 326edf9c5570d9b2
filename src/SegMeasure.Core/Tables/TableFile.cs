namespace SegMeasure.Core.Tables;

/// <summary>
/// Reads and writes measurement tables by extension: <c>.csv</c>, <c>.tsv</c>, <c>.xlsx</c>;
/// any other or no extension is CSV. Writes go to a temporary file renamed into place.
/// </summary>
public static class TableFile
{
    public static MeasurementTable Read(string path) => throw new NotImplementedException("table IO pending");

    public static void Write(string path, MeasurementTable table, bool overwrite = false) => throw new NotImplementedException("table IO pending");
}
