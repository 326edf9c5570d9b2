namespace SegMeasure.Core.Tables;

/// <summary>Table files stacked row by row into one output file (<c>segmeasure table concat</c>).</summary>
public static class TableConcatFile
{
    /// <summary>
    /// Reads <paramref name="inputs"/> in order and writes their rows to <paramref name="output"/>
    /// (format by extension), with a leading <paramref name="sourceColumn"/> naming each row's
    /// input when given. The output may not be one of the inputs.
    /// </summary>
    public static void Write(IReadOnlyList<string> inputs, string output, string? sourceColumn, bool overwrite)
    {
        if (inputs.Count == 0)
            throw new SegMeasureException("SegMeasure.NoInput", ErrorKind.InvalidArgument, "--inputs: no tables given");
        var full = Path.GetFullPath(output);
        if (inputs.Any(i => Path.GetFullPath(i) == full))
            throw new SegMeasureException("SegMeasure.OutputIsInput", ErrorKind.InvalidArgument, $"{output}: the output would overwrite an input table", output);
        OutputFile.RefuseExisting(overwrite, output);
        var tables = inputs.Select(p => (p, TableFile.Read(p))).ToList();
        TableFile.Write(output, TableConcat.Concatenate(tables, sourceColumn), overwrite);
    }
}
