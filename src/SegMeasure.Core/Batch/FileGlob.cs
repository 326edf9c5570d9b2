using System.Text;
using System.Text.RegularExpressions;

namespace SegMeasure.Core.Batch;

/// <summary>
/// Expands a file pattern the way the Python tool's <c>glob(…, recursive=True)</c> does:
/// <c>*</c> matches within one path component, <c>?</c> one character, <c>[abc]</c>/<c>[!a-z]</c>
/// a character class, and a component that is exactly <c>**</c> any number of directories
/// (including none). Names starting with a dot are matched only by a pattern component that
/// starts with a dot. Only files (and OME-Zarr folders, which are images) are returned, sorted ordinally, so the same tree always gives
/// the same list. Directory symbolic links are not descended by <c>**</c> (no cycles).
/// </summary>
public static class FileGlob
{
    private static readonly char[] WildcardChars = ['*', '?', '['];

    /// <summary>True when <paramref name="pattern"/> contains <c>*</c>, <c>?</c> or <c>[</c>.</summary>
    public static bool HasWildcards(string pattern) => pattern.IndexOfAny(WildcardChars) >= 0;

    /// <summary>
    /// The directory above the first wildcard component: <c>data/**/seg.tif</c> → <c>data</c>,
    /// <c>*.tif</c> → <c>""</c>; for a pattern without wildcards, the directory of the file.
    /// Output names are taken relative to it, so <c>data/a/seg.tif</c> and <c>data/b/seg.tif</c> stay distinct.
    /// </summary>
    public static string RootOf(string pattern)
    {
        var (prefix, components) = Split(pattern);
        int first = Array.FindIndex(components, HasWildcards);
        if (first < 0) first = components.Length - 1;
        return prefix + string.Join('/', components.Take(Math.Max(first, 0)));
    }

    /// <summary>
    /// The files matching <paramref name="pattern"/>, sorted ordinally. A relative pattern is
    /// resolved against <paramref name="baseDirectory"/> (default: the current directory) and the
    /// returned paths stay relative, spelled as in the pattern. A pattern without wildcards names
    /// one file that must exist. No match is an error naming the pattern.
    /// </summary>
    public static IReadOnlyList<GlobMatch> Expand(string pattern, string? baseDirectory = null)
    {
        if (string.IsNullOrWhiteSpace(pattern))
            throw new SegMeasureException("SegMeasure.EmptyPattern", ErrorKind.InvalidArgument, "an input path or pattern must not be empty");
        var baseDir = baseDirectory ?? Directory.GetCurrentDirectory();

        if (!HasWildcards(pattern))
        {
            if (!Images.ImagePaths.Exists(Path.Combine(baseDir, pattern)))
                throw new SegMeasureException("SegMeasure.FileNotFound", ErrorKind.NotFound,
                    Directory.Exists(Path.Combine(baseDir, pattern)) ? $"{pattern}: is a directory, not a file (use a pattern such as \"{pattern.TrimEnd('/')}/*.tif\")" : $"{pattern}: no such file", pattern);
            return [new GlobMatch(pattern, Path.GetFileName(pattern))];
        }

        var (prefix, components) = Split(pattern);
        int first = Array.FindIndex(components, HasWildcards);
        var rootSpelled = prefix + string.Join('/', components.Take(first));
        var matches = new List<string>();
        var rootOnDisk = Path.Combine(baseDir, rootSpelled.Length == 0 ? "." : rootSpelled);
        if (Directory.Exists(rootOnDisk))
            Walk(rootOnDisk, rootSpelled, components.AsSpan(first).ToArray(), matches);

        if (matches.Count == 0)
            throw new SegMeasureException("SegMeasure.NoMatch", ErrorKind.NotFound, $"{pattern}: the pattern matches no files", pattern);

        var distinct = matches.Distinct(StringComparer.Ordinal).ToList();
        distinct.Sort(StringComparer.Ordinal);
        return distinct.Select(p => new GlobMatch(p, p.Substring(rootSpelled.Length).TrimStart('/'))).ToList();
    }

    /// <summary>Expands several patterns in the order given (each one sorted), as one list.</summary>
    public static IReadOnlyList<GlobMatch> ExpandAll(IEnumerable<string> patterns, string? baseDirectory = null) =>
        patterns.SelectMany(p => Expand(p, baseDirectory)).ToList();

    /// <summary>Splits into a root prefix ("/" or "C:/" or "") and the remaining components, '/' separated.</summary>
    private static (string Prefix, string[] Components) Split(string pattern)
    {
        var normalized = Path.DirectorySeparatorChar == '\\' ? pattern.Replace('\\', '/') : pattern;
        var root = Path.GetPathRoot(normalized) ?? "";
        if (root.Length > 0 && !root.EndsWith('/')) root += "/";
        var rest = normalized.Substring(Math.Min(root.Length, normalized.Length));
        var components = rest.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Where(c => c != ".").ToArray();
        return (root, components);
    }

    private static void Walk(string directoryOnDisk, string spelled, string[] components, List<string> matches)
    {
        if (components.Length == 0) return;
        var head = components[0];
        var rest = components[1..];
        string Join(string name) => spelled.Length == 0 ? name : spelled.EndsWith('/') ? spelled + name : spelled + "/" + name;

        if (head == "**")
        {
            // "**" matches zero directories here …
            Walk(directoryOnDisk, spelled, rest, matches);
            // … or one more directory, then "**" again.
            foreach (var sub in Entries(directoryOnDisk, directories: true))
            {
                if (sub.Name.StartsWith('.')) continue;
                if (sub.Attributes.HasFlag(FileAttributes.ReparsePoint)) continue;
                Walk(sub.FullName, Join(sub.Name), components, matches);
            }

            return;
        }

        if (!HasWildcards(head))
        {
            var next = Path.Combine(directoryOnDisk, head);
            if (rest.Length == 0) { if (Images.ImagePaths.Exists(next)) matches.Add(Join(head)); }
            else if (Directory.Exists(next)) Walk(next, Join(head), rest, matches);
            return;
        }

        var regex = ComponentRegex(head);
        // A pattern's last component also matches OME-Zarr folders (images, levels, label images, HCS fields).
        // Files inside a Zarr folder (metadata, chunks) are parts of an image, never images.
        var entries = rest.Length == 0 && Images.ImagePaths.IsZarr(directoryOnDisk) ? [] : Entries(directoryOnDisk, directories: rest.Length > 0);
        if (rest.Length == 0) entries = entries.Concat(Entries(directoryOnDisk, directories: true).Where(d => Images.ImagePaths.IsZarr(d.FullName)));
        foreach (var entry in entries)
        {
            if (entry.Name.StartsWith('.') && !head.StartsWith('.')) continue;
            if (!regex.IsMatch(entry.Name)) continue;
            if (rest.Length == 0) matches.Add(Join(entry.Name));
            else Walk(entry.FullName, Join(entry.Name), rest, matches);
        }
    }

    private static IEnumerable<FileSystemInfo> Entries(string directory, bool directories)
    {
        var options = new EnumerationOptions { IgnoreInaccessible = true, RecurseSubdirectories = false, AttributesToSkip = 0 };
        var info = new DirectoryInfo(directory);
        return directories ? info.EnumerateDirectories("*", options) : info.EnumerateFiles("*", options);
    }

    private static Regex ComponentRegex(string component)
    {
        var sb = new StringBuilder("^");
        for (int i = 0; i < component.Length; i++)
        {
            char c = component[i];
            switch (c)
            {
                case '*':
                    sb.Append(".*");
                    while (i + 1 < component.Length && component[i + 1] == '*') i++;
                    break;
                case '?':
                    sb.Append('.');
                    break;
                case '[':
                    int close = component.IndexOf(']', i + 2);
                    if (close < 0) { sb.Append(@"\["); break; }
                    var body = component.Substring(i + 1, close - i - 1);
                    bool negate = body.StartsWith('!');
                    if (negate) body = body[1..];
                    sb.Append('[').Append(negate ? "^" : "").Append(body.Replace(@"\", @"\\").Replace("[", @"\[").Replace("^", @"\^")).Append(']');
                    i = close;
                    break;
                default:
                    sb.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        var options = RegexOptions.CultureInvariant | RegexOptions.Singleline;
        if (OperatingSystem.IsWindows() || OperatingSystem.IsMacOS()) options |= RegexOptions.IgnoreCase;
        return new Regex(sb.Append('$').ToString(), options);
    }
}

/// <summary>One file found by <see cref="FileGlob"/>: its path as the user spelled the pattern,
/// and its name relative to the directory above the first wildcard (used to name outputs).</summary>
public sealed record GlobMatch(string Path, string RelativeName);
