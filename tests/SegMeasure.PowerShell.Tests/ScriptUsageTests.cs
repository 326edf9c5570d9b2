using Xunit.Abstractions;

namespace SegMeasure.PowerShell.Tests;

/// <summary>
/// The examples, the Pester suite, the help examples, the about topic and the README call the
/// module's cmdlets only with parameters those cmdlets have — so renaming a parameter cannot leave
/// stale documentation behind.
/// </summary>
public sealed class ScriptUsageTests : IDisposable
{
    /// <summary>PowerShell's common parameters and their aliases, accepted by every cmdlet.</summary>
    private static readonly string[] CommonParameters =
    [
        "Verbose", "vb", "Debug", "db", "ErrorAction", "ea", "WarningAction", "wa", "InformationAction", "infa",
        "ProgressAction", "proga", "ErrorVariable", "ev", "WarningVariable", "wv", "InformationVariable", "iv",
        "OutVariable", "ov", "OutBuffer", "ob", "PipelineVariable", "pv",
    ];

    private readonly ModuleMetadata _module = new();
    private readonly ITestOutputHelper _output;

    public ScriptUsageTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _module.Dispose();

    public static TheoryData<string> Sources()
    {
        var root = ModuleMetadata.RepoRoot;
        var files = Directory.GetFiles(Path.Combine(root, "examples"), "*.ps1")
            .Concat(Directory.GetFiles(Path.Combine(root, "tests", "pester"), "*.ps1"))
            .Concat(Directory.GetFiles(Path.Combine(root, "module", "help"), "*.md"))
            .Append(Path.Combine(root, "module", "about_SegMeasure.help.txt"))
            .Append(Path.Combine(root, "README.md"));
        return new TheoryData<string>(files.Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void Cmdlets_are_called_with_parameters_they_have(string relativePath)
    {
        var cmdlets = _module.CmdletInfos();
        var commands = cmdlets.Values.SelectMany(c => c.Aliases.Select(a => (Name: a, Cmdlet: c)).Append((Name: c.Name, Cmdlet: c)))
            .ToDictionary(x => x.Name, x => x.Cmdlet, StringComparer.OrdinalIgnoreCase);
        var text = File.ReadAllText(Path.Combine(ModuleMetadata.RepoRoot, relativePath)).Replace("\r\n", "\n");
        if (relativePath.EndsWith(".md", StringComparison.Ordinal)) text = ScriptUsage.MarkdownCode(text);

        var problems = new List<string>();
        foreach (var use in ScriptUsage.Find(text, relativePath, commands.Keys))
        {
            _output.WriteLine($"{use.Line}: {use.Command} {string.Join(" ", use.Parameters.Select(p => "-" + p))}");
            var cmdlet = commands[use.Command];
            var accepted = cmdlet.Parameters.SelectMany(p => p.Aliases.Append(p.Name))
                .Concat(CommonParameters)
                .Concat(cmdlet.SupportsShouldProcess ? ["WhatIf", "wi", "Confirm", "cf"] : [])
                .ToList();
            foreach (var name in use.Parameters)
            {
                // PowerShell takes an unambiguous prefix of a name, as it does a full one.
                var matches = accepted.Where(a => a.StartsWith(name, StringComparison.OrdinalIgnoreCase)).ToList();
                bool exact = accepted.Contains(name, StringComparer.OrdinalIgnoreCase);
                if (!exact && matches.Count != 1)
                    problems.Add($"{use.Source}:{use.Line}: {use.Command} has no parameter -{name}");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void The_scanner_finds_commands_and_their_own_parameters_only()
    {
        const string script = """
            Get-ChildItem *.tif | Measure-Intensity -IntensityPath { $_.FullName -replace 'a', 'b' } -Verbose |
                Where-Object area -gt 5 | Export-Csv x.csv
            Get-Help Measure-Morphology -Full   # not a call of Measure-Morphology
            $x = Measure-Morphology a.tif `
                -Scale 0.5 -Bogus
            # Measure-Morphology -InComment
            """;
        var uses = ScriptUsage.Find(script, "test", ["Measure-Intensity", "Measure-Morphology"]).ToList();
        Assert.Equal(2, uses.Count);
        Assert.Equal(["IntensityPath", "Verbose"], uses[0].Parameters);
        Assert.Equal("Measure-Morphology", uses[1].Command);
        Assert.Equal(["Scale", "Bogus"], uses[1].Parameters);
        Assert.Equal(4, uses[1].Line);
    }
}
