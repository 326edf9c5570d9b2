namespace SegMeasure.Core;

/// <summary>
/// The one way an output file is written, as PowerShell keeps "refuse unless forced" in one
/// function: an existing file is refused unless <c>overwrite</c> (<see cref="OutputExistsException"/>),
/// the folder must exist, and the content goes to a temporary file in the same folder that is
/// renamed into place — the output appears complete or not at all, and a failed or cancelled
/// write leaves no temporary file behind.
/// </summary>
public static class OutputFile
{
    /// <summary>
    /// Refuses every existing path when <paramref name="overwrite"/> is off. Work that writes
    /// several outputs, or works long before writing, calls it first, so a refused run changes
    /// nothing; <see cref="Write"/> checks again at the end.
    /// </summary>
    public static void RefuseExisting(bool overwrite, params string?[] paths)
    {
        if (overwrite) return;
        foreach (var path in paths)
            if (path is not null && (File.Exists(path) || Directory.Exists(path))) throw new OutputExistsException(path);
    }

    /// <summary>Refuses an output that is one of <paramref name="inputs"/>: no option overwrites an input.
    /// <paramref name="what"/> names the input in the error ("the input file", "an input table").</summary>
    public static void RefuseInput(string output, IEnumerable<string?> inputs, string what)
    {
        var full = Path.GetFullPath(output);
        if (inputs.Any(i => i is not null && Path.GetFullPath(i) == full))
            throw new SegMeasureException("SegMeasure.OutputIsInput", ErrorKind.InvalidArgument, $"{output}: the output would overwrite {what}", output);
    }

    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>; <paramref name="what"/> names the content in errors ("the table").</summary>
    public static void Write(string path, bool overwrite, Action<Stream> write, string what = "the file")
    {
        RefuseExisting(overwrite, path);
        var (full, directory) = Locate(path);
        var temporary = TemporaryPathOf(full);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16))
                write(stream);
            try
            {
                File.Move(temporary, full, overwrite);
            }
            catch (IOException) when (!overwrite && File.Exists(full))
            {
                throw new OutputExistsException(path); // appeared while we wrote
            }
        }
        catch (Exception e) when (e is UnauthorizedAccessException || (e is IOException && e is not FileNotFoundException))
        {
            // A missing input read while writing (a streamed source) keeps its own error.
            throw new SegMeasureException("SegMeasure.WriteFailed", ErrorKind.WriteError, $"{path}: cannot write {what}: {e.Message}", path, e);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>
    /// Opens an output written over a long time (a sweep's combined table) under the same rules:
    /// its temporary file is renamed into place by <see cref="PendingOutputFile.Commit"/>, and
    /// disposing it uncommitted leaves nothing.
    /// </summary>
    public static PendingOutputFile Open(string path, bool overwrite, string what = "the file") => new(path, overwrite, what);

    /// <summary>
    /// Writes an output that is a folder (a Zarr store) through <paramref name="writeInto"/>, which
    /// fills the folder it is given: the same rules as <see cref="Write"/>, with a temporary folder
    /// renamed into place.
    /// </summary>
    public static void WriteFolder(string path, bool overwrite, Action<string> writeInto, string what = "the folder")
    {
        RefuseExisting(overwrite, path);
        var (full, directory) = Locate(path);
        var temporary = TemporaryPathOf(full);
        try
        {
            Directory.CreateDirectory(temporary);
            writeInto(temporary);
            RefuseExisting(overwrite, full); // appeared while we wrote
            if (Directory.Exists(full)) Directory.Delete(full, recursive: true);
            else if (File.Exists(full)) File.Delete(full);
            Directory.Move(temporary, full);
        }
        catch (Exception e) when (e is UnauthorizedAccessException || (e is IOException && e is not FileNotFoundException))
        {
            throw new SegMeasureException("SegMeasure.WriteFailed", ErrorKind.WriteError, $"{path}: cannot write {what}: {e.Message}", path, e);
        }
        finally
        {
            if (Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
        }
    }

    /// <summary>A fresh temporary path beside the output <paramref name="full"/>: hidden, named after it, unique.</summary>
    internal static string TemporaryPathOf(string full) =>
        Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}{TemporaryExtension}");

    private const string TemporaryExtension = ".tmp";

    /// <summary>
    /// Deletes the temporary files and folders that earlier writes of <paramref name="path"/> left
    /// behind because their process was killed (a killed process cannot clean up after itself).
    /// Re-runnable sweeps call it before they make an output again, so resuming a killed sweep
    /// leaves no litter; nothing else writes that output then.
    /// </summary>
    public static void RemoveAbandonedTemporaries(string path)
    {
        var full = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar);
        var directory = Path.GetDirectoryName(full)!;
        if (!System.IO.Directory.Exists(directory)) return;
        var prefix = "." + Path.GetFileName(full) + ".";
        foreach (var entry in System.IO.Directory.EnumerateFileSystemEntries(directory, prefix + "*" + TemporaryExtension))
        {
            // Only names this class makes: the prefix, 32 hexadecimal digits, the extension.
            var name = Path.GetFileName(entry);
            var unique = name.AsSpan(prefix.Length, name.Length - prefix.Length - TemporaryExtension.Length);
            if (unique.Length != 32 || !Guid.TryParseExact(unique, "N", out _)) continue;
            try
            {
                if (System.IO.Directory.Exists(entry)) System.IO.Directory.Delete(entry, recursive: true);
                else File.Delete(entry);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Litter that cannot be removed does not stop the output being made.
            }
        }
    }

    private static (string Full, string Directory) Locate(string path)
    {
        var full = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar);
        var directory = Path.GetDirectoryName(full)!;
        if (!System.IO.Directory.Exists(directory))
            throw new SegMeasureException("SegMeasure.DirectoryNotFound", ErrorKind.NotFound, $"{path}: the output folder {directory} does not exist", path);
        return (full, directory);
    }
}
