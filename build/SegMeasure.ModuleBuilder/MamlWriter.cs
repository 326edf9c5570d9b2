using System.Xml.Linq;

namespace SegMeasure.ModuleBuilder;

/// <summary>
/// Writes the MAML help file PowerShell reads for a binary module (en-US/&lt;Assembly&gt;.dll-Help.xml):
/// names, syntax and parameter facts from the cmdlets' metadata, prose from the help sources.
/// </summary>
public static class MamlWriter
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    /// <summary>Writes the file and returns what is missing from the sources (undocumented cmdlets, parameters, examples).</summary>
    public static IReadOnlyList<string> Write(IReadOnlyList<CmdletInfo> cmdlets, HelpSource sources, string outputPath)
    {
        var warnings = new List<string>();
        var root = new XElement(Msh + "helpItems", new XAttribute("schema", "maml"),
            new XAttribute(XNamespace.Xmlns + "maml", Maml),
            new XAttribute(XNamespace.Xmlns + "command", Command),
            new XAttribute(XNamespace.Xmlns + "dev", Dev));
        foreach (var cmdlet in cmdlets)
        {
            var help = sources.Cmdlets.GetValueOrDefault(cmdlet.Name);
            if (help is null) warnings.Add($"{cmdlet.Name} has no help source {cmdlet.Name}.md");
            else if (help.Examples.Count == 0) warnings.Add($"{cmdlet.Name} has no example");
            foreach (var p in DocumentedParameters(cmdlet).Where(p => sources.ParameterText(help, p.Name).Count == 0))
                warnings.Add($"{cmdlet.Name} -{p.Name} is not documented");
            root.Add(CommandElement(cmdlet, help, sources));
        }

        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), root);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputPath))!);
        using (var writer = new StreamWriter(outputPath, append: false, new System.Text.UTF8Encoding(false)))
            document.Save(writer);
        return warnings;
    }

    /// <summary>The cmdlet's own parameters plus -WhatIf/-Confirm when it supports ShouldProcess, in help order.</summary>
    public static IReadOnlyList<CmdletParameter> DocumentedParameters(CmdletInfo cmdlet)
    {
        var ordered = cmdlet.Parameters
            .OrderBy(p => p.Bindings.Min(b => b.Position ?? int.MaxValue))
            .ThenBy(p => p.Bindings.Any(b => b.Mandatory) ? 0 : 1)
            .ToList();
        if (!cmdlet.SupportsShouldProcess) return ordered;
        var all = new ParameterBinding(CmdletParameter.AllSets, false, null, false, false);
        return [.. ordered,
            new CmdletParameter("WhatIf", "SwitchParameter", true, false, ["wi"], [all]),
            new CmdletParameter("Confirm", "SwitchParameter", true, false, ["cf"], [all])];
    }

    private static XElement CommandElement(CmdletInfo cmdlet, CmdletHelp? help, HelpSource sources)
    {
        var parameters = DocumentedParameters(cmdlet);
        var element = new XElement(Command + "command",
            new XElement(Command + "details",
                new XElement(Command + "name", cmdlet.Name),
                new XElement(Command + "verb", cmdlet.Verb),
                new XElement(Command + "noun", cmdlet.Noun),
                Description(help?.Synopsis ?? [])),
            Description(help?.Description ?? []),
            new XElement(Command + "syntax",
                cmdlet.ParameterSets.Select(set => new XElement(Command + "syntaxItem",
                    new XElement(Maml + "name", cmdlet.Name),
                    parameters.Where(p => p.BindingIn(set) is not null)
                        .OrderBy(p => p.BindingIn(set)!.Position ?? int.MaxValue)
                        .Select(p => ParameterElement(p, p.BindingIn(set)!, help, sources))))),
            new XElement(Command + "parameters",
                parameters.Select(p => ParameterElement(p, Merged(p), help, sources))),
            new XElement(Command + "inputTypes", (help?.Inputs ?? []).Select(i => TypeEntry(Command + "inputType", i))),
            new XElement(Command + "returnValues", ReturnValues(cmdlet, help).Select(o => TypeEntry(Command + "returnValue", o))),
            new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paragraphs(help?.Notes ?? []))),
            new XElement(Command + "examples", (help?.Examples ?? []).Select((e, i) => new XElement(Command + "example",
                new XElement(Maml + "title", $"-------------------------- {e.Title} --------------------------"),
                new XElement(Dev + "code", e.Code),
                new XElement(Dev + "remarks", Paragraphs(e.Remarks))))),
            new XElement(Maml + "relatedLinks", (help?.RelatedLinks ?? []).Select(l => new XElement(Maml + "navigationLink",
                new XElement(Maml + "linkText", l),
                new XElement(Maml + "uri", l.StartsWith("http", StringComparison.Ordinal) ? l : "")))));
        return element;
    }

    /// <summary>The OUTPUTS section of the source, else the declared OutputType names.</summary>
    private static IEnumerable<HelpTypeEntry> ReturnValues(CmdletInfo cmdlet, CmdletHelp? help) =>
        help?.Outputs is { Count: > 0 } outputs ? outputs : cmdlet.OutputTypes.Select(t => new HelpTypeEntry(t, []));

    /// <summary>For the parameter list: required/pipeline facts across all the parameter's sets.</summary>
    private static ParameterBinding Merged(CmdletParameter p) => new(
        CmdletParameter.AllSets,
        p.Bindings.Any(b => b.Mandatory) && p.Bindings.All(b => b.Mandatory),
        p.Bindings.Select(b => b.Position).FirstOrDefault(x => x is not null),
        p.Bindings.Any(b => b.FromPipeline),
        p.Bindings.Any(b => b.ByPropertyName));

    private static XElement ParameterElement(CmdletParameter p, ParameterBinding binding, CmdletHelp? help, HelpSource sources)
    {
        var pipeline = (binding.FromPipeline, binding.ByPropertyName) switch
        {
            (true, true) => "True (ByPropertyName, ByValue)",
            (true, false) => "True (ByValue)",
            (false, true) => "True (ByPropertyName)",
            _ => "False",
        };
        var element = new XElement(Command + "parameter",
            new XAttribute("required", binding.Mandatory ? "true" : "false"),
            new XAttribute("variableLength", p.TypeName.EndsWith("[]", StringComparison.Ordinal) ? "true" : "false"),
            new XAttribute("globbing", p.SupportsWildcards ? "true" : "false"),
            new XAttribute("pipelineInput", pipeline),
            new XAttribute("position", binding.Position?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "named"),
            new XAttribute("aliases", p.Aliases.Count == 0 ? "none" : string.Join(", ", p.Aliases)),
            new XElement(Maml + "name", p.Name),
            Description(sources.ParameterText(help, p.Name)));
        if (p.AcceptedValues.Count > 0)
            element.Add(new XElement(Command + "parameterValueGroup", p.AcceptedValues.Select(v =>
                new XElement(Command + "parameterValue", new XAttribute("required", "false"), new XAttribute("variableLength", "false"), v))));
        if (!p.IsSwitch)
            element.Add(new XElement(Command + "parameterValue", new XAttribute("required", "true"), new XAttribute("variableLength", "false"), p.TypeName));
        element.Add(
            new XElement(Dev + "type", new XElement(Maml + "name", p.TypeName), new XElement(Maml + "uri")),
            new XElement(Dev + "defaultValue", sources.ParameterDefault(help, p.Name) ?? (p.IsSwitch ? "False" : "None")));
        return element;
    }

    private static XElement TypeEntry(XName name, HelpTypeEntry entry) =>
        new(name,
            new XElement(Dev + "type", new XElement(Maml + "name", entry.TypeName), new XElement(Maml + "uri")),
            Description(entry.Description));

    private static XElement Description(IEnumerable<string> paragraphs) => new(Maml + "description", Paragraphs(paragraphs));

    private static IEnumerable<XElement> Paragraphs(IEnumerable<string> paragraphs) =>
        paragraphs.Select(p => new XElement(Maml + "para", p));
}
