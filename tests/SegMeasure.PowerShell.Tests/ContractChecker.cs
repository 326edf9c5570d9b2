namespace SegMeasure.PowerShell.Tests;

/// <summary>Lists every difference between a cmdlet's declared metadata and its row in <see cref="CmdletContracts"/>.</summary>
public static class ContractChecker
{
    public static IReadOnlyList<string> Compare(CmdletContract contract, CmdletInfo cmdlet)
    {
        var problems = new List<string>();
        void Check(bool ok, string problem) { if (!ok) problems.Add($"{cmdlet.Name}: {problem}"); }

        Check(SameSet(contract.OutputTypes, cmdlet.OutputTypes), $"OutputType is [{string.Join(", ", cmdlet.OutputTypes)}], expected [{string.Join(", ", contract.OutputTypes)}]");
        Check(contract.Writer == cmdlet.SupportsShouldProcess, contract.Writer ? "writes files but does not declare SupportsShouldProcess" : "declares SupportsShouldProcess but is not a writer in the table");
        Check(contract.DefaultSet == cmdlet.DefaultSet, $"DefaultParameterSetName is '{cmdlet.DefaultSet}', expected '{contract.DefaultSet}'");
        Check(SameSet(contract.Aliases ?? [], cmdlet.Aliases), $"command aliases are [{string.Join(", ", cmdlet.Aliases)}], expected [{string.Join(", ", contract.Aliases ?? [])}]");

        var expected = contract.Parameters.GroupBy(p => p.Name).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var actual in cmdlet.Parameters.Where(p => !expected.ContainsKey(p.Name)))
            Check(false, $"has parameter -{actual.Name} the table does not list");
        foreach (var (name, bindings) in expected)
        {
            var actual = cmdlet.Parameter(name);
            if (actual is null) { Check(false, $"lacks parameter -{name}"); continue; }
            Check(TypeName(actual.Type) == bindings[0].Type, $"-{name} is {TypeName(actual.Type)}, expected {bindings[0].Type}");
            Check(SameSet(bindings[0].Aliases ?? [], actual.Aliases), $"-{name} aliases are [{string.Join(", ", actual.Aliases)}], expected [{string.Join(", ", bindings[0].Aliases ?? [])}]");
            var want = bindings.Select(b => new BindingInfo(b.Set ?? ModuleMetadata.AllSets, b.Mandatory, b.Position, b.FromPipeline, b.ByPropertyName)).ToHashSet();
            var have = actual.Bindings.ToHashSet();
            Check(want.SetEquals(have), $"-{name} binds as {Describe(have)}, expected {Describe(want)}");
        }

        return problems;
    }

    /// <summary>A type as the table writes it: <c>String[]</c>, <c>Int32?</c>, <c>SwitchParameter</c>.</summary>
    public static string TypeName(Type type)
    {
        if (type.IsArray) return TypeName(type.GetElementType()!) + "[]";
        if (type.IsGenericType && type.GetGenericTypeDefinition().FullName == "System.Nullable`1") return TypeName(type.GetGenericArguments()[0]) + "?";
        return type.Name;
    }

    private static bool SameSet(IEnumerable<string> a, IEnumerable<string> b) => a.ToHashSet(StringComparer.Ordinal).SetEquals(b);

    private static string Describe(IEnumerable<BindingInfo> bindings) =>
        string.Join(" | ", bindings.OrderBy(b => b.Set).Select(b =>
            $"{(b.Set == ModuleMetadata.AllSets ? "all sets" : "set " + b.Set)}"
            + (b.Mandatory ? ", mandatory" : "")
            + (b.Position is int p ? $", position {p}" : "")
            + (b.FromPipeline ? ", from pipeline" : "")
            + (b.ByPropertyName ? ", by property name" : "")));
}
