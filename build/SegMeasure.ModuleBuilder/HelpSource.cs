namespace SegMeasure.ModuleBuilder;

/// <summary>One example: a title, the code, and what it does.</summary>
public sealed record HelpExample(string Title, string Code, IReadOnlyList<string> Remarks);

/// <summary>A titled entry of INPUTS or OUTPUTS: a type name and what it means.</summary>
public sealed record HelpTypeEntry(string TypeName, IReadOnlyList<string> Description);

/// <summary>
/// The help text of one cmdlet, written by hand in module/help/&lt;Cmdlet&gt;.md:
/// <code>
/// # Verb-Noun
/// ## SYNOPSIS            one sentence
/// ## DESCRIPTION         paragraphs
/// ## PARAMETERS          "### -Name" then paragraphs (optional last line "Default: value")
/// ## EXAMPLES            "### Example N: title", a ```powershell block, then paragraphs
/// ## INPUTS / OUTPUTS    "### TypeName" then paragraphs
/// ## NOTES               paragraphs
/// ## RELATED LINKS       "- name" per line
/// </code>
/// Paragraphs are separated by blank lines; lines within one are joined.
/// </summary>
public sealed class CmdletHelp
{
    public required string Name { get; init; }
    public IReadOnlyList<string> Synopsis { get; init; } = [];
    public IReadOnlyList<string> Description { get; init; } = [];
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Parameters { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    public IReadOnlyDictionary<string, string> Defaults { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<HelpExample> Examples { get; init; } = [];
    public IReadOnlyList<HelpTypeEntry> Inputs { get; init; } = [];
    public IReadOnlyList<HelpTypeEntry> Outputs { get; init; } = [];
    public IReadOnlyList<string> Notes { get; init; } = [];
    public IReadOnlyList<string> RelatedLinks { get; init; } = [];

    public static CmdletHelp Parse(string text, string sourceName)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        string? name = null;
        var sections = new Dictionary<string, List<(string? Heading, List<string> Lines)>>(StringComparer.OrdinalIgnoreCase);
        List<(string? Heading, List<string> Lines)>? section = null;
        bool inCode = false;
        foreach (var line in lines)
        {
            if (line.StartsWith("```", StringComparison.Ordinal)) inCode = !inCode;
            if (!inCode && line.StartsWith("# ", StringComparison.Ordinal)) { name = line[2..].Trim(); continue; }
            if (!inCode && line.StartsWith("## ", StringComparison.Ordinal))
            {
                section = [(null, [])];
                sections[line[3..].Trim()] = section;
                continue;
            }

            if (section is null) continue;
            if (!inCode && line.StartsWith("### ", StringComparison.Ordinal)) { section.Add((line[4..].Trim(), [])); continue; }
            section[^1].Lines.Add(line);
        }

        if (string.IsNullOrEmpty(name)) throw new FormatException($"{sourceName}: the first heading must be '# Verb-Noun'");

        var parameters = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        var defaults = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (heading, body) in Entries(sections, "PARAMETERS"))
        {
            var parameter = heading.TrimStart('-');
            var defaultLine = body.LastOrDefault(l => l.TrimStart().StartsWith("Default:", StringComparison.Ordinal));
            if (defaultLine is not null)
            {
                defaults[parameter] = defaultLine.Trim()["Default:".Length..].Trim();
                body.Remove(defaultLine);
            }

            parameters[parameter] = Paragraphs(body);
        }

        return new CmdletHelp
        {
            Name = name,
            Synopsis = Paragraphs(Body(sections, "SYNOPSIS")),
            Description = Paragraphs(Body(sections, "DESCRIPTION")),
            Parameters = parameters,
            Defaults = defaults,
            Examples = Entries(sections, "EXAMPLES").Select(e => ParseExample(e.Heading, e.Lines)).ToList(),
            Inputs = Entries(sections, "INPUTS").Select(e => new HelpTypeEntry(e.Heading, Paragraphs(e.Lines))).ToList(),
            Outputs = Entries(sections, "OUTPUTS").Select(e => new HelpTypeEntry(e.Heading, Paragraphs(e.Lines))).ToList(),
            Notes = Paragraphs(Body(sections, "NOTES")),
            RelatedLinks = Body(sections, "RELATED LINKS").Select(l => l.Trim()).Where(l => l.StartsWith("- ", StringComparison.Ordinal)).Select(l => l[2..].Trim()).ToList(),
        };
    }

    private static List<string> Body(Dictionary<string, List<(string? Heading, List<string> Lines)>> sections, string name) =>
        sections.TryGetValue(name, out var s) ? s[0].Lines : [];

    private static IEnumerable<(string Heading, List<string> Lines)> Entries(Dictionary<string, List<(string? Heading, List<string> Lines)>> sections, string name) =>
        sections.TryGetValue(name, out var s) ? s.Where(e => e.Heading is not null).Select(e => (e.Heading!, e.Lines)) : [];

    private static HelpExample ParseExample(string heading, List<string> lines)
    {
        int open = lines.FindIndex(l => l.StartsWith("```", StringComparison.Ordinal));
        int close = open < 0 ? -1 : lines.FindIndex(open + 1, l => l.StartsWith("```", StringComparison.Ordinal));
        if (open < 0 || close < 0) return new HelpExample(heading, "", Paragraphs(lines));
        var code = string.Join("\n", lines.Skip(open + 1).Take(close - open - 1)).Trim('\n');
        return new HelpExample(heading, code, Paragraphs(lines.Skip(close + 1)));
    }

    /// <summary>Blank-line separated paragraphs, each with its lines joined by spaces.</summary>
    private static List<string> Paragraphs(IEnumerable<string> lines)
    {
        var paragraphs = new List<string>();
        var current = new List<string>();
        foreach (var line in lines.Append(""))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                if (current.Count > 0) paragraphs.Add(string.Join(" ", current));
                current.Clear();
            }
            else current.Add(line.Trim());
        }

        return paragraphs;
    }
}

/// <summary>
/// Every help source of a directory: one <c>&lt;Cmdlet&gt;.md</c> per cmdlet, plus
/// <c>CommonParameters.md</c> documenting parameters the shared cmdlet bases declare
/// (a cmdlet's own file overrides them).
/// </summary>
public sealed class HelpSource
{
    public const string CommonFileName = "CommonParameters.md";

    public required string Directory { get; init; }
    public required IReadOnlyDictionary<string, CmdletHelp> Cmdlets { get; init; }
    public required CmdletHelp Common { get; init; }

    public static HelpSource ReadDirectory(string directory)
    {
        var cmdlets = new Dictionary<string, CmdletHelp>(StringComparer.OrdinalIgnoreCase);
        CmdletHelp? common = null;
        foreach (var file in System.IO.Directory.GetFiles(directory, "*.md").Order(StringComparer.Ordinal))
        {
            var help = CmdletHelp.Parse(File.ReadAllText(file), file);
            if (Path.GetFileName(file) == CommonFileName) common = help;
            else cmdlets[help.Name] = help;
        }

        return new HelpSource { Directory = directory, Cmdlets = cmdlets, Common = common ?? new CmdletHelp { Name = "Common" } };
    }

    /// <summary>The text of a parameter: the cmdlet's own, else the shared one.</summary>
    public IReadOnlyList<string> ParameterText(CmdletHelp? cmdlet, string parameter) =>
        cmdlet?.Parameters.GetValueOrDefault(parameter) is { Count: > 0 } own ? own : Common.Parameters.GetValueOrDefault(parameter) ?? [];

    public string? ParameterDefault(CmdletHelp? cmdlet, string parameter) =>
        cmdlet?.Defaults.GetValueOrDefault(parameter) ?? (cmdlet?.Parameters.ContainsKey(parameter) == true ? null : Common.Defaults.GetValueOrDefault(parameter));
}
