using System.Reflection;
using System.Runtime.InteropServices;

namespace SegMeasure.PowerShell.Tests;

/// <summary>
/// Loads the compiled module assembly for inspection only (MetadataLoadContext): no
/// PowerShell runtime exists here, so cmdlet metadata is read from attributes, never executed.
/// </summary>
public sealed class ModuleMetadata : IDisposable
{
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
    }

    public Assembly Module { get; }

    /// <summary>Every public, non-abstract class carrying CmdletAttribute, with its verb and noun.</summary>
    public IEnumerable<(Type Type, string Verb, string Noun)> Cmdlets() =>
        from t in Module.GetTypes()
        where t.IsPublic && !t.IsAbstract
        let a = t.GetCustomAttributesData().FirstOrDefault(d => d.AttributeType.Name == "CmdletAttribute")
        where a is not null
        select (t, (string)a.ConstructorArguments[0].Value!, (string)a.ConstructorArguments[1].Value!);

    public Type GetType(string fullName) => Module.GetType(fullName, throwOnError: true)!;

    /// <summary>Named arguments of every [Parameter] on a property, one dictionary per attribute.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, object?>> ParameterAttributes(PropertyInfo property) =>
        property.GetCustomAttributesData()
            .Where(d => d.AttributeType.Name == "ParameterAttribute")
            .Select(d => (IReadOnlyDictionary<string, object?>)d.NamedArguments.ToDictionary(n => n.MemberName, n => n.TypedValue.Value))
            .ToList();

    public static IReadOnlyList<string> Aliases(PropertyInfo property) =>
        property.GetCustomAttributesData()
            .Where(d => d.AttributeType.Name == "AliasAttribute")
            .SelectMany(d => ((IEnumerable<CustomAttributeTypedArgument>)d.ConstructorArguments[0].Value!).Select(v => (string)v.Value!))
            .ToList();

    public void Dispose() => _context.Dispose();
}
