namespace SegMeasure.PowerShell.Tests;

/// <summary>The contract comparison itself: it must notice each kind of deviation, or the table tests prove nothing.</summary>
public class ContractCheckerTests
{
    private static readonly CmdletContract Contract = new("Measure-Thing", ["SegMeasure.Thing"],
    [
        new("Path", "String[]", Set: "Path", Mandatory: true, Position: 0, FromPipeline: true, ByPropertyName: true),
        new("LiteralPath", "String[]", Set: "LiteralPath", Mandatory: true, ByPropertyName: true, Aliases: ["PSPath", "FullName"]),
        new("OtherPath", "String", Mandatory: true, ByPropertyName: true),
        new("Quiet", "SwitchParameter"),
    ], DefaultSet: "Path");

    private static CmdletParameter Parameter(string name, Type type, string[] aliases, params BindingInfo[] bindings) => new(null!, name, type, aliases, bindings);

    private static CmdletInfo Matching(Func<CmdletParameter, CmdletParameter>? change = null, string[]? outputTypes = null, bool shouldProcess = false, string? defaultSet = "Path", string[]? aliases = null)
    {
        CmdletParameter[] parameters =
        [
            Parameter("Path", typeof(string[]), [], new BindingInfo("Path", true, 0, true, true)),
            Parameter("LiteralPath", typeof(string[]), ["PSPath", "FullName"], new BindingInfo("LiteralPath", true, null, false, true)),
            Parameter("OtherPath", typeof(string), [], new BindingInfo(ModuleMetadata.AllSets, true, null, false, true)),
            Parameter("Quiet", typeof(SwitchParameter), [], new BindingInfo(ModuleMetadata.AllSets, false, null, false, false)),
        ];
        return new CmdletInfo(typeof(object), "Measure", "Thing", defaultSet, shouldProcess, null, aliases ?? [], outputTypes ?? ["SegMeasure.Thing"],
            parameters.Select(p => change?.Invoke(p) ?? p).ToList());
    }

    [Fact]
    public void A_matching_cmdlet_has_no_problems() =>
        Assert.Empty(ContractChecker.Compare(Contract, Matching()));

    [Fact]
    public void A_paired_path_that_does_not_bind_by_property_name_is_reported()
    {
        var problems = ContractChecker.Compare(Contract, Matching(p => p.Name == "OtherPath" ? p with { Bindings = [new BindingInfo(ModuleMetadata.AllSets, true, null, false, false)] } : p));
        Assert.Contains(problems, m => m.Contains("-OtherPath binds as"));
    }

    [Fact]
    public void A_bool_where_a_switch_is_due_is_reported()
    {
        var problems = ContractChecker.Compare(Contract, Matching(p => p.Name == "Quiet" ? p with { Type = typeof(bool) } : p));
        Assert.Contains(problems, m => m.Contains("-Quiet is Boolean, expected SwitchParameter"));
    }

    [Fact]
    public void Missing_and_extra_parameters_are_reported()
    {
        var problems = ContractChecker.Compare(Contract, Matching(p => p.Name == "OtherPath" ? p with { Name = "Other" } : p));
        Assert.Contains(problems, m => m.Contains("lacks parameter -OtherPath"));
        Assert.Contains(problems, m => m.Contains("parameter -Other the table does not list"));
    }

    [Fact]
    public void Lost_aliases_position_and_pipeline_binding_are_reported()
    {
        var problems = ContractChecker.Compare(Contract, Matching(p => p.Name switch
        {
            "LiteralPath" => p with { Aliases = ["PSPath"] },
            "Path" => p with { Bindings = [new BindingInfo("Path", true, 1, false, true)] },
            _ => p,
        }));
        Assert.Contains(problems, m => m.Contains("-LiteralPath aliases"));
        Assert.Contains(problems, m => m.Contains("-Path binds as set Path, mandatory, position 1, by property name"));
    }

    [Fact]
    public void Output_type_ShouldProcess_default_set_and_command_aliases_are_compared()
    {
        Assert.Contains(ContractChecker.Compare(Contract, Matching(outputTypes: ["SegMeasure.Other"])), m => m.Contains("OutputType"));
        Assert.Contains(ContractChecker.Compare(Contract, Matching(shouldProcess: true)), m => m.Contains("SupportsShouldProcess"));
        Assert.Contains(ContractChecker.Compare(Contract with { Writer = true }, Matching()), m => m.Contains("SupportsShouldProcess"));
        Assert.Contains(ContractChecker.Compare(Contract, Matching(defaultSet: null)), m => m.Contains("DefaultParameterSetName"));
        Assert.Contains(ContractChecker.Compare(Contract, Matching(aliases: ["Count-Thing"])), m => m.Contains("command aliases"));
    }

    /// <summary>Named like PowerShell's switch type, which the contract compares by name.</summary>
    private readonly struct SwitchParameter;
}
