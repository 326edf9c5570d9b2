using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace SegMeasure.PowerShell.Tests;

/// <summary>The manifest, the assembly, the help and the views describe the same module.</summary>
public sealed partial class ModuleAgreementTests : IDisposable
{
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    private readonly ModuleMetadata _module = new();
    private readonly IReadOnlyDictionary<string, CmdletInfo> _cmdlets;
    private readonly ModuleManifest _manifest = ModuleMetadata.SourceManifest();

    public ModuleAgreementTests() => _cmdlets = _module.CmdletInfos();

    public void Dispose() => _module.Dispose();

    [Fact]
    public void Manifest_exports_exactly_the_cmdlets_of_the_assembly()
    {
        var exported = _manifest.List("CmdletsToExport").ToHashSet(StringComparer.OrdinalIgnoreCase);
        var notBuilt = exported.Where(n => !_cmdlets.ContainsKey(n)).ToList();
        var notExported = _cmdlets.Keys.Where(n => !exported.Contains(n)).ToList();
        Assert.True(notBuilt.Count == 0 && notExported.Count == 0,
            $"exported but not in SegMeasure.dll: [{string.Join(", ", notBuilt)}]; in SegMeasure.dll but not in CmdletsToExport: [{string.Join(", ", notExported)}]");
    }

    [Fact]
    public void Manifest_exports_exactly_the_aliases_the_cmdlets_declare()
    {
        var declared = _cmdlets.Values.SelectMany(c => c.Aliases).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var exported = _manifest.List("AliasesToExport").ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.True(declared.SetEquals(exported), $"AliasesToExport [{string.Join(", ", exported)}], the cmdlets declare [{string.Join(", ", declared)}]");
    }

    [Fact]
    public void Every_alias_names_an_exported_cmdlet_and_no_cmdlet()
    {
        var exported = _manifest.List("CmdletsToExport").ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var cmdlet in _cmdlets.Values)
            foreach (var alias in cmdlet.Aliases)
            {
                Assert.Contains(cmdlet.Name, exported);
                Assert.False(_cmdlets.ContainsKey(alias), $"alias {alias} shadows a cmdlet");
            }
    }

    [Fact]
    public void Manifest_is_explicit_and_targets_the_tested_PowerShell_Core()
    {
        Assert.Equal("SegMeasure.dll", _manifest.String("RootModule"));
        Assert.Equal(TestedPowerShell(), _manifest.String("PowerShellVersion"));
        Assert.Equal(["Core"], _manifest.List("CompatiblePSEditions"));
        Assert.Equal(["SegMeasure.Format.ps1xml"], _manifest.List("FormatsToProcess"));
        Assert.Equal(["SegMeasure.Types.ps1xml"], _manifest.List("TypesToProcess"));
        Assert.Matches(@"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", _manifest.String("GUID"));
        foreach (var key in new[] { "CmdletsToExport", "AliasesToExport", "FunctionsToExport", "VariablesToExport" })
        {
            Assert.True(_manifest.Values.ContainsKey(key), $"{key} missing: PowerShell would export everything");
            Assert.DoesNotContain(_manifest.List(key), n => n.Contains('*') || n.Contains('?'));
        }
    }

    [Fact]
    public void Help_documents_every_cmdlet_parameter_and_gives_an_example()
    {
        var help = LoadHelp();
        var problems = new List<string>();
        foreach (var cmdlet in _cmdlets.Values)
        {
            if (!help.TryGetValue(cmdlet.Name, out var command)) { problems.Add($"{cmdlet.Name}: not in SegMeasure.dll-Help.xml"); continue; }
            if (Text(command.Element(Command + "details")?.Element(Maml + "description")) == "") problems.Add($"{cmdlet.Name}: no synopsis");
            if (Text(command.Element(Maml + "description")) == "") problems.Add($"{cmdlet.Name}: no description");
            var examples = command.Element(Command + "examples")?.Elements(Command + "example").ToList() ?? [];
            if (examples.Count == 0) problems.Add($"{cmdlet.Name}: no example");
            foreach (var example in examples.Where(e => !(e.Element(Dev + "code")?.Value ?? "").Contains(cmdlet.Name, StringComparison.OrdinalIgnoreCase)
                                                      && !cmdlet.Aliases.Any(a => (e.Element(Dev + "code")?.Value ?? "").Contains(a, StringComparison.OrdinalIgnoreCase))))
                problems.Add($"{cmdlet.Name}: example '{example.Element(Maml + "title")?.Value.Trim('-', ' ')}' does not use the cmdlet");

            var documented = command.Element(Command + "parameters")?.Elements(Command + "parameter")
                .ToDictionary(p => p.Element(Maml + "name")!.Value, p => Text(p.Element(Maml + "description"))) ?? [];
            foreach (var p in cmdlet.Parameters)
                if (documented.GetValueOrDefault(p.Name) is not { Length: > 0 }) problems.Add($"{cmdlet.Name}: -{p.Name} has no help text");
            foreach (var name in documented.Keys.Where(n => cmdlet.Parameter(n) is null && n is not ("WhatIf" or "Confirm")))
                problems.Add($"{cmdlet.Name}: help documents -{name}, which the cmdlet lacks");
        }

        foreach (var name in help.Keys.Where(n => !_cmdlets.ContainsKey(n)))
            problems.Add($"help has {name}, which SegMeasure.dll lacks");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Help_sources_exist_for_every_cmdlet_in_the_table()
    {
        var sources = Directory.GetFiles(Path.Combine(ModuleMetadata.RepoRoot, "module", "help"), "*.md").Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.Ordinal);
        var missing = CmdletContracts.All.Select(c => c.Name).Where(n => !sources.Contains(n)).ToList();
        Assert.True(missing.Count == 0, "no module/help/<Cmdlet>.md for: " + string.Join(", ", missing));
    }

    [Fact]
    public void About_topic_explains_the_object_model_pairing_and_scheduling()
    {
        var about = File.ReadAllText(Path.Combine(ModuleMetadata.RepoRoot, "module", "about_SegMeasure.help.txt"));
        Assert.StartsWith("TOPIC", about.TrimStart());
        foreach (var topic in new[] { "SegMeasure.Morphology", "Path", "-IntensityPath {", "Export-Csv", "Export-SegTable", "Register-ScheduledTask", "cron", "pwsh" })
            Assert.Contains(topic, about);
        foreach (var cmdlet in CmdletContracts.All)
            Assert.Contains(cmdlet.Name, about);
    }

    [Fact]
    public void Format_views_name_emitted_types_and_only_their_properties()
    {
        var emitted = EmittedTypeNames();
        var problems = new List<string>();
        var views = XDocument.Load(Path.Combine(ModuleMetadata.RepoRoot, "module", "SegMeasure.Format.ps1xml")).Descendants("View").ToList();
        Assert.NotEmpty(views);
        foreach (var view in views)
        {
            var name = view.Element("Name")?.Value;
            var types = view.Element("ViewSelectedBy")!.Elements("TypeName").Select(t => t.Value).ToList();
            foreach (var type in types)
            {
                if (!emitted.Contains(type)) problems.Add($"view {name}: no cmdlet emits {type}");
                if (!RecordShapes.ByTypeName.TryGetValue(type, out var properties)) { problems.Add($"view {name}: {type} has no known shape"); continue; }
                bool built = _cmdlets.Values.Any(c => c.OutputTypes.Contains(type));
                if (properties.Count == 0 && !built) continue; // a core result type that lands with its pending cmdlet
                var headers = view.Descendants("TableColumnHeader").Count();
                var items = view.Descendants("TableColumnItem").ToList();
                if (headers != items.Count) problems.Add($"view {name}: {headers} headers but {items.Count} columns");
                foreach (var used in items.SelectMany(PropertiesUsed).Where(p => !properties.Contains(p)))
                    problems.Add($"view {name}: {type} objects have no property '{used}'");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Type_data_adds_no_properties_and_names_only_existing_ones()
    {
        var emitted = EmittedTypeNames();
        var problems = new List<string>();
        foreach (var type in XDocument.Load(Path.Combine(ModuleMetadata.RepoRoot, "module", "SegMeasure.Types.ps1xml")).Root!.Elements("Type"))
        {
            var name = type.Element("Name")!.Value;
            if (!emitted.Contains(name)) problems.Add($"type data for {name}, which no cmdlet emits");
            // Added properties would become extra CSV columns in Export-Csv.
            foreach (var member in type.Descendants().Where(e => e.Name.LocalName is "NoteProperty" or "ScriptProperty" or "AliasProperty" or "CodeProperty"))
                problems.Add($"{name} adds a {member.Name.LocalName}");
            var properties = RecordShapes.ByTypeName.GetValueOrDefault(name) ?? new HashSet<string>();
            foreach (var referenced in type.Descendants("ReferencedProperties").Elements("Name").Select(e => e.Value).Where(p => !properties.Contains(p)))
                problems.Add($"{name} references '{referenced}', which its objects lack");
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>Type names the built cmdlets declare, plus those of table rows not built yet (their views may come first).</summary>
    private HashSet<string> EmittedTypeNames() =>
        _cmdlets.Values.SelectMany(c => c.OutputTypes)
            .Concat(CmdletContracts.All.Where(c => !_cmdlets.ContainsKey(c.Name)).SelectMany(c => c.OutputTypes))
            .ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<string> PropertiesUsed(XElement item)
    {
        if (item.Element("PropertyName") is { } property) return [property.Value];
        if (item.Element("ScriptBlock") is { } script) return DollarUnderscoreProperty().Matches(script.Value).Select(m => m.Groups[1].Value);
        return [];
    }

    [GeneratedRegex(@"\$_\.([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex DollarUnderscoreProperty();

    private static Dictionary<string, XElement> LoadHelp()
    {
        var path = Path.Combine(ModuleMetadata.ModuleFolder, "en-US", "SegMeasure.dll-Help.xml");
        Assert.True(File.Exists(path), $"{path} missing: build the solution first");
        return XDocument.Load(path).Root!.Elements(Command + "command")
            .ToDictionary(c => c.Element(Command + "details")!.Element(Command + "name")!.Value, StringComparer.OrdinalIgnoreCase);
    }

    private static string Text(XElement? element) => element is null ? "" : string.Join(" ", element.Descendants(Maml + "para").Select(p => p.Value)).Trim();

    /// <summary>Major.minor of the PowerShell the Pester suite runs in: the version pinned in the tool manifest.</summary>
    private static string TestedPowerShell()
    {
        using var tools = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(ModuleMetadata.RepoRoot, ".config", "dotnet-tools.json")));
        var version = Version.Parse(tools.RootElement.GetProperty("tools").GetProperty("powershell").GetProperty("version").GetString()!);
        return $"{version.Major}.{version.Minor}";
    }
}
