using System.Reflection;
using System.Runtime.InteropServices;
using SegMeasure.Tests.Shared;

namespace SegMeasure.PowerShell.Tests;

/// <summary>How a parameter binds in one parameter set (one [Parameter] attribute).</summary>
public sealed record BindingInfo(string Set, bool Mandatory, int? Position, bool FromPipeline, bool ByPropertyName);

/// <summary>A cmdlet parameter as PowerShell would see it.</summary>
public sealed record CmdletParameter(PropertyInfo Property, string Name, Type Type, IReadOnlyList<string> Aliases, IReadOnlyList<BindingInfo> Bindings);

/// <summary>A cmdlet class with what its attributes declare.</summary>
public sealed record CmdletInfo(Type Type, string Verb, string Noun, string? DefaultSet, bool SupportsShouldProcess, string? ConfirmImpact,
    IReadOnlyList<string> Aliases, IReadOnlyList<string> OutputTypes, IReadOnlyList<CmdletParameter> Parameters)
{
    public string Name => $"{Verb}-{Noun}";

    public CmdletParameter? Parameter(string name) => Parameters.FirstOrDefault(p => p.Name == name);

    /// <summary>Named parameter sets (empty when every parameter is in all sets).</summary>
    public IReadOnlySet<string> ParameterSets =>
        Parameters.SelectMany(p => p.Bindings).Select(b => b.Set).Where(s => s != ModuleMetadata.AllSets).ToHashSet();
}

/// <summary>
/// Loads the compiled module assembly for inspection only (MetadataLoadContext): no
/// PowerShell runtime exists here, so cmdlet metadata is read from attributes, never executed.
/// </summary>
public sealed class ModuleMetadata : IDisposable
{
    public const string AllSets = "__AllParameterSets";

    private readonly MetadataLoadContext _context;

    public ModuleMetadata()
    {
        var attributes = typeof(ModuleMetadata).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(a => a.Key, a => a.Value!);
        var modulePath = Path.GetFullPath(attributes["ModuleAssembly"]);
        var automationPath = Path.GetFullPath(attributes["AutomationReference"]);
        var moduleDir = Path.GetDirectoryName(modulePath)!;
        var paths = Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll")
            .Concat(Directory.GetFiles(moduleDir, "*.dll").Where(p => !p.EndsWith("System.Management.Automation.dll")))
            .Append(automationPath)
            .GroupBy(Path.GetFileName).Select(g => g.First());
        _context = new MetadataLoadContext(new PathAssemblyResolver(paths), "System.Private.CoreLib");
        Module = _context.LoadFromAssemblyPath(modulePath);
        ModuleAssemblyPath = modulePath;
    }

    public Assembly Module { get; }

    public string ModuleAssemblyPath { get; }

    /// <summary>The repository root: the directory holding SegMeasure.PowerShell.sln above the test assembly.</summary>
    public static string RepoRoot => TestRepository.Root;

    /// <summary>The module folder the build assembles.</summary>
    public static string ModuleFolder => Path.Combine(RepoRoot, "artifacts", "SegMeasure");

    /// <summary>The source manifest at the repository root.</summary>
    public static ModuleManifest SourceManifest() => ModuleManifest.Load(Path.Combine(RepoRoot, "SegMeasure.psd1"));

    /// <summary>Every public, non-abstract class carrying CmdletAttribute, with its verb and noun.</summary>
    public IEnumerable<(Type Type, string Verb, string Noun)> Cmdlets() =>
        from t in Module.GetTypes()
        where t.IsPublic && !t.IsAbstract
        let a = t.GetCustomAttributesData().FirstOrDefault(d => d.AttributeType.Name == "CmdletAttribute")
        where a is not null
        select (t, (string)a.ConstructorArguments[0].Value!, (string)a.ConstructorArguments[1].Value!);

    /// <summary>Every cmdlet with its declared metadata, by name.</summary>
    public IReadOnlyDictionary<string, CmdletInfo> CmdletInfos() =>
        Cmdlets().Select(c => Describe(c.Type, c.Verb, c.Noun)).ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);

    public Type GetType(string fullName) => Module.GetType(fullName, throwOnError: true)!;

    /// <summary>The module assembly or one of its dependencies, by simple name, in the same inspection context.</summary>
    public Assembly Load(string assemblyName) =>
        assemblyName == Module.GetName().Name ? Module : _context.LoadFromAssemblyName(assemblyName);

    /// <summary>Named arguments of every [Parameter] on a property, one dictionary per attribute.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, object?>> ParameterAttributes(PropertyInfo property) =>
        property.GetCustomAttributesData()
            .Where(d => d.AttributeType.Name == "ParameterAttribute")
            .Select(d => (IReadOnlyDictionary<string, object?>)d.NamedArguments.ToDictionary(n => n.MemberName, n => n.TypedValue.Value))
            .ToList();

    public static IReadOnlyList<string> Aliases(MemberInfo member) =>
        member.GetCustomAttributesData()
            .Where(d => d.AttributeType.Name == "AliasAttribute")
            .SelectMany(d => StringValues(d.ConstructorArguments[0]))
            .ToList();

    public static bool HasAttribute(MemberInfo member, string attributeName) =>
        member.GetCustomAttributesData().Any(d => d.AttributeType.Name == attributeName);

    private static CmdletInfo Describe(Type type, string verb, string noun)
    {
        var cmdlet = type.GetCustomAttributesData().First(d => d.AttributeType.Name == "CmdletAttribute");
        var named = cmdlet.NamedArguments.ToDictionary(n => n.MemberName, n => n.TypedValue.Value);
        var outputTypes = type.GetCustomAttributesData()
            .Where(d => d.AttributeType.Name == "OutputTypeAttribute")
            .SelectMany(d => d.ConstructorArguments.SelectMany(a => a.Value is IEnumerable<CustomAttributeTypedArgument> items ? items.Select(i => i.Value) : [a.Value]))
            .Select(v => v is Type t ? t.FullName! : (string)v!)
            .ToList();
        var parameters = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Attributes: ParameterAttributes(p)))
            .Where(p => p.Attributes.Count > 0)
            .Select(p => new CmdletParameter(p.Property, p.Property.Name, p.Property.PropertyType, Aliases(p.Property),
                p.Attributes.Select(a => new BindingInfo(
                    a.GetValueOrDefault("ParameterSetName") as string ?? AllSets,
                    a.GetValueOrDefault("Mandatory") as bool? ?? false,
                    a.GetValueOrDefault("Position") is int i && i >= 0 ? i : null,
                    a.GetValueOrDefault("ValueFromPipeline") as bool? ?? false,
                    a.GetValueOrDefault("ValueFromPipelineByPropertyName") as bool? ?? false)).ToList()))
            .ToList();
        var impact = named.GetValueOrDefault("ConfirmImpact");
        return new CmdletInfo(type, verb, noun,
            named.GetValueOrDefault("DefaultParameterSetName") as string,
            named.GetValueOrDefault("SupportsShouldProcess") as bool? ?? false,
            impact is null ? null : Enum.GetName(typeof(ConfirmImpactLevel), Convert.ToInt32(impact)),
            Aliases(type), outputTypes, parameters);
    }

    private static IEnumerable<string> StringValues(CustomAttributeTypedArgument argument) =>
        argument.Value is IEnumerable<CustomAttributeTypedArgument> items ? items.Select(v => (string)v.Value!) : [(string)argument.Value!];

    public void Dispose() => _context.Dispose();

    /// <summary>System.Management.Automation.ConfirmImpact, by value (the reference assembly is only inspected).</summary>
    private enum ConfirmImpactLevel { None, Low, Medium, High }
}

public static class TypeChain
{
    /// <summary>The names of <paramref name="type"/>'s base classes, nearest first.</summary>
    public static IEnumerable<string> BaseNames(this Type type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
            yield return t.Name;
    }
}
