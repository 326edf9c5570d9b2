using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;

namespace SegMeasure.PowerShell.Tests;

/// <summary>The module folder the build assembles holds what its manifest names, and nothing stale.</summary>
public sealed class ModuleFolderTests : IDisposable
{
    private readonly ModuleMetadata _module = new();
    private readonly string _folder = ModuleMetadata.ModuleFolder;

    public void Dispose() => _module.Dispose();

    private ModuleManifest BuiltManifest()
    {
        var path = Path.Combine(_folder, "SegMeasure.psd1");
        Assert.True(File.Exists(path), $"{path} missing: `dotnet build` assembles the module folder");
        return ModuleManifest.Load(path);
    }

    [Fact]
    public void Built_manifest_is_the_source_manifest_with_the_build_version()
    {
        var built = BuiltManifest();
        var source = ModuleMetadata.SourceManifest();
        var version = _module.Module.GetName().Version!;
        Assert.Equal($"{version.Major}.{version.Minor}.{version.Build}", built.String("ModuleVersion"));
        foreach (var (key, value) in source.Values.Where(kv => kv.Key != "ModuleVersion"))
            Assert.Equivalent(value, built.Values[key], strict: true);
    }

    [Fact]
    public void Files_the_manifest_names_are_in_the_folder()
    {
        var built = BuiltManifest();
        var named = new[] { "RootModule", "NestedModules", "RequiredAssemblies", "FormatsToProcess", "TypesToProcess", "ScriptsToProcess", "FileList" }
            .SelectMany(built.List).ToList();
        Assert.Contains("SegMeasure.dll", named);
        var missing = named.Where(f => !File.Exists(Path.Combine(_folder, f))).ToList();
        Assert.True(missing.Count == 0, "named by the manifest but missing from the module folder: " + string.Join(", ", missing));
    }

    [Fact]
    public void Help_and_about_topic_are_in_en_US()
    {
        Assert.True(File.Exists(Path.Combine(_folder, "en-US", "SegMeasure.dll-Help.xml")));
        Assert.Equal(
            File.ReadAllText(Path.Combine(ModuleMetadata.RepoRoot, "module", "about_SegMeasure.help.txt")),
            File.ReadAllText(Path.Combine(_folder, "en-US", "about_SegMeasure.help.txt")));
    }

    [Theory]
    [InlineData("SegMeasure.Format.ps1xml")]
    [InlineData("SegMeasure.Types.ps1xml")]
    public void Views_and_type_data_are_the_current_sources(string file) =>
        Assert.Equal(
            File.ReadAllText(Path.Combine(ModuleMetadata.RepoRoot, "module", file)),
            File.ReadAllText(Path.Combine(_folder, file)));

    [Fact]
    public void Module_assembly_is_the_one_just_built()
    {
        Assert.True(
            File.ReadAllBytes(_module.ModuleAssemblyPath).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(_folder, "SegMeasure.dll"))),
            "the module folder holds a different SegMeasure.dll than the build output");
    }

    [Fact]
    public void Every_dependency_ships_except_PowerShell_itself()
    {
        Assert.False(File.Exists(Path.Combine(_folder, "System.Management.Automation.dll")), "System.Management.Automation must come from PowerShell, not the module");

        var framework = Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll").Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.OrdinalIgnoreCase);
        framework.Add("netstandard");
        framework.Add("System.Management.Automation");
        var shipped = Directory.GetFiles(_folder, "*.dll").Concat(Directory.GetFiles(Path.Combine(_folder, "Dependencies"), "*.dll"))
            .ToDictionary(p => Path.GetFileNameWithoutExtension(p)!, StringComparer.OrdinalIgnoreCase);

        // Walk the references from SegMeasure.dll: everything not in the framework must be in the folder.
        var missing = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var queue = new Queue<string>(["SegMeasure"]);
        while (queue.Count > 0)
        {
            var name = queue.Dequeue();
            if (!seen.Add(name) || framework.Contains(name)) continue;
            if (!shipped.TryGetValue(name, out var path)) { missing.Add(name); continue; }
            foreach (var reference in ReferencedAssemblies(path)) queue.Enqueue(reference);
        }

        Assert.True(missing.Count == 0, "referenced but not in the module folder: " + string.Join(", ", missing));
        Assert.Contains("SegMeasure.Core", seen);
    }

    [Fact]
    public void Only_the_loader_and_the_cmdlets_sit_beside_the_manifest()
    {
        // Everything else loads in the module's own load context from Dependencies/, so that other
        // modules' versions of the same libraries cannot clash with ours (ModuleAssemblyInitializer).
        var top = Directory.GetFiles(_folder, "*.dll").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["SegMeasure.Loader.dll", "SegMeasure.dll"], top);
        Assert.True(File.Exists(Path.Combine(_folder, "Dependencies", "SegMeasure.Core.dll")));
        Assert.Contains("SegMeasure.Loader.dll", BuiltManifest().List("NestedModules"));
    }

    private static IEnumerable<string> ReferencedAssemblies(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        return reader.AssemblyReferences.Select(h => reader.GetString(reader.GetAssemblyReference(h).Name)).ToList();
    }
}
