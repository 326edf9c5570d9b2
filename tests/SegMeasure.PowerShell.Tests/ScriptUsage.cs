using System.Text.RegularExpressions;

namespace SegMeasure.PowerShell.Tests;

/// <summary>One use of a module command in a script or help text, with the parameter names written after it.</summary>
public sealed record CommandUse(string Source, int Line, string Command, IReadOnlyList<string> Parameters);

/// <summary>
/// Finds where scripts, examples and help call the module's commands and which -Parameters they pass,
/// without a PowerShell parser: a command counts where a statement or pipeline element starts, and
/// its parameters are the -Names that follow at the same nesting level (script blocks, parentheses
/// and strings are skipped) until the pipeline element ends.
/// </summary>
public static class ScriptUsage
{
    public static IEnumerable<CommandUse> Find(string text, string source, IEnumerable<string> commands)
    {
        var names = commands.ToList();
        if (names.Count == 0) yield break;
        var pattern = new Regex(@"(?<![\w-])(" + string.Join("|", names.Select(Regex.Escape)) + @")(?![\w-])", RegexOptions.IgnoreCase);
        foreach (Match match in pattern.Matches(text))
        {
            if (!AtCommandPosition(text, match.Index) || InComment(text, match.Index)) continue;
            int line = text.Take(match.Index).Count(c => c == '\n') + 1;
            yield return new CommandUse(source, line, match.Value, ParametersAfter(text, match.Index + match.Length));
        }
    }

    /// <summary>The fenced ```powershell blocks of a Markdown file, other lines blanked so line numbers stay.</summary>
    public static string MarkdownCode(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        bool inCode = false;
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inCode = !inCode && lines[i].Trim().Length > 3 && lines[i].Contains("powershell", StringComparison.OrdinalIgnoreCase);
                lines[i] = "";
            }
            else if (!inCode) lines[i] = "";
        }

        return string.Join("\n", lines);
    }

    private static bool AtCommandPosition(string text, int index)
    {
        int i = index - 1;
        while (i >= 0 && text[i] is ' ' or '\t') i--;
        if (i < 0 || text[i] == '\n') return true;
        if (text[i] is '|' or '(' or '{' or ';' or '=' or '&') return true;
        return false;
    }

    private static bool InComment(string text, int index)
    {
        int lineStart = text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        var before = text[lineStart..index];
        if (before.Contains('#') && !before.Contains('"') && !before.Contains('\'')) return true;
        int open = text.LastIndexOf("<#", index, StringComparison.Ordinal);
        return open >= 0 && text.IndexOf("#>", open, StringComparison.Ordinal) is var close && (close < 0 || close > index);
    }

    private static IReadOnlyList<string> ParametersAfter(string text, int start)
    {
        var parameters = new List<string>();
        int depth = 0;
        for (int i = start; i < text.Length; i++)
        {
            char c = text[i];
            if (c is '\'' or '"') { i = EndOfString(text, i); continue; }
            if (c is '{' or '(' or '[') { depth++; continue; }
            if (c is '}' or ')' or ']') { if (depth == 0) break; depth--; continue; }
            if (depth > 0) continue;
            if (c is '|' or ';') break;
            if (c == '#' && (i == 0 || char.IsWhiteSpace(text[i - 1]))) { while (i < text.Length && text[i] != '\n') i++; i--; continue; }
            if (c == '\n')
            {
                if (!ContinuesOnNextLine(text, i)) break;
                continue;
            }

            if (c == '-' && i + 1 < text.Length && char.IsLetter(text[i + 1]) && char.IsWhiteSpace(text[i - 1]))
            {
                int end = i + 1;
                while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_')) end++;
                parameters.Add(text[(i + 1)..end]);
                i = end - 1;
            }
        }

        return parameters;
    }

    /// <summary>A line ending in a backtick or a pipe, or a next line starting with a pipe, continues the pipeline element or pipeline.</summary>
    private static bool ContinuesOnNextLine(string text, int newline)
    {
        int back = newline - 1;
        while (back >= 0 && text[back] is ' ' or '\t' or '\r') back--;
        if (back >= 0 && text[back] == '`') return true;
        return false;
    }

    private static int EndOfString(string text, int open)
    {
        char quote = text[open];
        for (int i = open + 1; i < text.Length; i++)
        {
            if (quote == '"' && text[i] == '`') { i++; continue; }
            if (text[i] != quote) continue;
            if (i + 1 < text.Length && text[i + 1] == quote) { i++; continue; }
            return i;
        }

        return text.Length;
    }
}
