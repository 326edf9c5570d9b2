namespace SegMeasure.PowerShell.Tests;

/// <summary>
/// Every cmdlet in SegMeasure.dll against its row in <see cref="CmdletContracts"/>, plus the naming
/// and safety rules every cmdlet follows. A row whose cmdlet is neither built nor exported yet is
/// pending and passes; once SegMeasure.psd1 exports it, it must exist and match.
/// </summary>
public sealed class CmdletContractTests : IDisposable
{
    private readonly ModuleMetadata _module = new();
    private readonly IReadOnlyDictionary<string, CmdletInfo> _cmdlets;
    private readonly IReadOnlyList<string> _exported;

    public CmdletContractTests()
    {
        _cmdlets = _module.CmdletInfos();
        _exported = ModuleMetadata.SourceManifest().List("CmdletsToExport");
    }

    public void Dispose() => _module.Dispose();

    public static TheoryData<string> ContractNames => new(CmdletContracts.All.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(ContractNames))]
    public void Cmdlet_offers_what_its_row_in_the_table_says(string name)
    {
        var contract = CmdletContracts.Find(name)!;
        bool exported = _exported.Contains(name, StringComparer.OrdinalIgnoreCase);
        if (!exported && !_cmdlets.ContainsKey(name)) return; // pending: neither built nor exported yet
        Assert.True(_cmdlets.TryGetValue(name, out var cmdlet), $"SegMeasure.psd1 exports {name}, but SegMeasure.dll has no such cmdlet");
        var problems = ContractChecker.Compare(contract, cmdlet);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Every_cmdlet_in_the_assembly_has_a_row_in_the_table()
    {
        var missing = _cmdlets.Keys.Where(n => CmdletContracts.Find(n) is null).ToList();
        Assert.True(missing.Count == 0, "no contract row for: " + string.Join(", ", missing));
    }

    [Fact]
    public void Contract_table_holds_each_cmdlet_once_with_an_approved_verb()
    {
        Assert.Equal(CmdletContracts.All.Count, CmdletContracts.All.Select(c => c.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(CmdletContracts.All, c => Assert.Contains(c.Name.Split('-')[0], ApprovedVerbs.All));
    }

    [Fact]
    public void Verbs_are_approved()
    {
        var unapproved = _cmdlets.Values.Where(c => !ApprovedVerbs.All.Contains(c.Verb)).Select(c => c.Name).ToList();
        Assert.True(unapproved.Count == 0, "unapproved verbs (use an approved verb and an alias): " + string.Join(", ", unapproved));
    }

    [Fact]
    public void Nouns_start_with_Seg_or_say_why_not()
    {
        var bad = _cmdlets.Values
            .Where(c => !c.Noun.StartsWith("Seg", StringComparison.Ordinal) && string.IsNullOrWhiteSpace(CmdletContracts.Find(c.Name)?.NounException))
            .Select(c => c.Name).ToList();
        Assert.True(bad.Count == 0, "nouns without the Seg prefix and no documented reason: " + string.Join(", ", bad));
    }

    [Fact]
    public void Every_cmdlet_declares_what_it_emits_unless_it_only_writes_files()
    {
        var silent = _cmdlets.Values
            .Where(c => c.OutputTypes.Count == 0 && !(c.SupportsShouldProcess && CmdletContracts.Find(c.Name)?.OutputTypes.Length == 0))
            .Select(c => c.Name).ToList();
        Assert.True(silent.Count == 0, "no [OutputType]: " + string.Join(", ", silent));
    }

    [Fact]
    public void Every_writer_supports_WhatIf_Confirm_and_Force()
    {
        var writerBase = _module.GetType("SegMeasure.PowerShell.SegMeasureWriterCmdlet");
        var problems = new List<string>();
        foreach (var c in _cmdlets.Values)
        {
            bool writes = writerBase.IsAssignableFrom(c.Type) || c.Parameter("OutputPath") is not null || c.Parameter("Force") is not null || CmdletContracts.Find(c.Name)?.Writer == true;
            if (!writes) continue;
            if (!c.SupportsShouldProcess) problems.Add($"{c.Name} writes files but lacks SupportsShouldProcess");
            if (c.Parameter("Force") is null) problems.Add($"{c.Name} writes files but has no -Force");
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Switches_are_SwitchParameter_not_bool()
    {
        var bools = _cmdlets.Values.SelectMany(c => c.Parameters.Where(p => p.Type.FullName == "System.Boolean").Select(p => $"{c.Name} -{p.Name}")).ToList();
        Assert.True(bools.Count == 0, "bool parameters (use SwitchParameter): " + string.Join(", ", bools));
    }

    [Fact]
    public void Positions_are_distinct_within_each_parameter_set()
    {
        var clashes = new List<string>();
        foreach (var c in _cmdlets.Values)
        {
            var sets = c.ParameterSets.Count == 0 ? [ModuleMetadata.AllSets] : c.ParameterSets.ToList();
            foreach (var set in sets)
            {
                var positions = c.Parameters
                    .Select(p => (p.Name, Binding: p.Bindings.FirstOrDefault(b => b.Set == set) ?? p.Bindings.FirstOrDefault(b => b.Set == ModuleMetadata.AllSets)))
                    .Where(p => p.Binding?.Position is not null)
                    .GroupBy(p => p.Binding!.Position)
                    .Where(g => g.Count() > 1);
                clashes.AddRange(positions.Select(g => $"{c.Name} set {set}: position {g.Key} taken by {string.Join(", ", g.Select(p => p.Name))}"));
            }
        }

        Assert.True(clashes.Count == 0, string.Join(Environment.NewLine, clashes));
    }

    [Fact]
    public void Cmdlets_with_several_parameter_sets_name_their_default()
    {
        var missing = _cmdlets.Values.Where(c => c.ParameterSets.Count > 1 && (c.DefaultSet is null || !c.ParameterSets.Contains(c.DefaultSet))).Select(c => c.Name).ToList();
        Assert.True(missing.Count == 0, "no valid DefaultParameterSetName: " + string.Join(", ", missing));
    }

    [Fact]
    public void Paired_input_paths_bind_by_property_name_so_delay_bind_script_blocks_work()
    {
        var fileBase = _module.GetType("SegMeasure.PowerShell.SegMeasureCmdlet");
        string[] own = ["Path", "LiteralPath", "OutputPath"];
        var unbound = _cmdlets.Values
            .Where(c => fileBase.IsAssignableFrom(c.Type))
            .SelectMany(c => c.Parameters
                .Where(p => p.Name.EndsWith("Path", StringComparison.Ordinal) && !own.Contains(p.Name) && p.Type.FullName == "System.String")
                .Where(p => !p.Bindings.All(b => b.ByPropertyName))
                .Select(p => $"{c.Name} -{p.Name}"))
            .ToList();
        Assert.True(unbound.Count == 0, "paired paths not bound by property name: " + string.Join(", ", unbound));
    }
}
