namespace SegMeasure.Core.Batch;

/// <summary>Where a per-file output goes when the user names a directory or a suffix rather than a file.</summary>
public static class OutputNaming
{
    /// <summary><c>dir/cells.tif</c> + <c>_clean</c> → <c>dir/cells_clean.tif</c>.</summary>
    public static string WithSuffix(string inputPath, string suffix, string? extension = null)
    {
        if (string.IsNullOrEmpty(suffix))
            throw new SegMeasureException("SegMeasure.InvalidSuffix", ErrorKind.InvalidArgument, "an output suffix must not be empty: it would overwrite the input");
        var directory = Path.GetDirectoryName(inputPath) ?? "";
        var stem = Path.GetFileNameWithoutExtension(inputPath);
        return Path.Combine(directory, stem + suffix + (extension ?? Path.GetExtension(inputPath)));
    }

    /// <summary>
    /// The output for <paramref name="inputPath"/>: <paramref name="outputPath"/> itself when it
    /// names a file, the input's name inside it when it is an existing directory (or ends in a
    /// separator), else the input's name with <paramref name="suffix"/> beside the input.
    /// </summary>
    public static string Resolve(string inputPath, string? outputPath, string suffix, string? extension = null)
    {
        if (string.IsNullOrEmpty(outputPath)) return WithSuffix(inputPath, suffix, extension);
        bool isDirectory = Directory.Exists(outputPath) || outputPath.EndsWith(Path.DirectorySeparatorChar) || outputPath.EndsWith(Path.AltDirectorySeparatorChar);
        if (!isDirectory) return outputPath;
        var name = Path.GetFileNameWithoutExtension(inputPath) + (extension ?? Path.GetExtension(inputPath));
        var candidate = Path.Combine(outputPath, name);
        return Path.GetFullPath(candidate) == Path.GetFullPath(inputPath) ? WithSuffix(inputPath, suffix, extension) : candidate;
    }

    /// <summary>
    /// <paramref name="relativeName"/> (e.g. <c>well_a/seg.tif</c>) placed inside
    /// <paramref name="outputDirectory"/>, keeping its sub-folders, with its extension replaced by
    /// <paramref name="extension"/> when given: <c>out/well_a/seg.csv</c>.
    /// </summary>
    public static string InDirectory(string relativeName, string outputDirectory, string? extension = null)
    {
        var relative = extension is null ? relativeName : Path.ChangeExtension(relativeName, extension);
        return Path.Combine(outputDirectory, relative.Replace('/', Path.DirectorySeparatorChar));
    }
}
