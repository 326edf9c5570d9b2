using System.Reflection;
using System.Runtime.InteropServices;

namespace SegMeasure.ModuleBuilder;

/// <summary>One [Parameter] attribute of a parameter: the set it belongs to and how it binds there.</summary>
public sealed record ParameterBinding(string SetName, bool Mandatory, int? Position, bool FromPipeline, bool ByPropertyName);

/// <summary>A cmdlet parameter as PowerShell sees it, read from metadata.</summary>
public sealed record CmdletParameter(string Name, string TypeName, bool IsSwitch, bool SupportsWildcards, IReadOnlyList<string> Aliases, IReadOnlyList<ParameterBinding> Bindings)
{
    /// <summary>The values the parameter accepts, from [ValidateSet] or an enum type; empty when any value goes.</summary>
    public IReadOnlyList<string> AcceptedValues { get; init; } = [];

    public const string AllSets = "__AllParameterSets";

    public ParameterBinding? BindingIn(string setName) =>
        Bindings.FirstOrDefault(b => b.SetName == setName) ?? Bindings.FirstOrDefault(b => b.SetName == AllSets);
}

/// <summary>A cmdlet of the module as PowerShell sees it, read from metadata.</summary>
public sealed record CmdletInfo(string Verb, string Noun, string? DefaultSet, bool SupportsShouldProcess, IReadOnlyList<string> Aliases, IReadOnlyList<string> OutputTypes, IReadOnlyList<CmdletParameter> Parameters)
{
    public string Name => $"{Verb}-{Noun}";

    /// <summary>The named parameter sets, default first; one unnamed set when none is named.</summary>
    public IReadOnlyList<string> ParameterSets
    {
        get
        {
            var named = Parameters.SelectMany(p => p.Bindings).Select(b => b.SetName).Where(s => s != CmdletParameter.AllSets).Distinct().ToList();
            if (named.Count == 0) return [CmdletParameter.AllSets];
            return named.OrderBy(s => s == DefaultSet ? 0 : 1).ThenBy(s => named.IndexOf(s)).ToList();
        }
    }
}

/// <summary>
/// Reads the cmdlets of a compiled module without loading it for execution (MetadataLoadContext):
/// the build machine has no PowerShell runtime, only the reference System.Management.Automation.
/// </summary>
public static class CmdletReader
{
    public static IReadOnlyList<CmdletInfo> Read(string assemblyPath, string automationPath)
    {
        var moduleDir = Path.GetDirectoryName(Path.GetFullPath(assemblyPath))!;
        var paths = Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll")
            .Concat(Directory.GetFiles(moduleDir, "*.dll").Where(p => Path.GetFileName(p) != "System.Management.Automation.dll"))
            .Append(Path.GetFullPath(automationPath))
            .GroupBy(Path.GetFileName).Select(g => g.First());
        using var context = new MetadataLoadContext(new PathAssemblyResolver(paths), "System.Private.CoreLib");
        var assembly = context.LoadFromAssemblyPath(Path.GetFullPath(assemblyPath));
        return assembly.GetTypes()
            .Where(t => t.IsPublic && !t.IsAbstract)
            .Select(ReadCmdlet)
            .OfType<CmdletInfo>()
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static CmdletInfo? ReadCmdlet(Type type)
    {
        var cmdlet = Attribute(type, "CmdletAttribute");
        if (cmdlet is null) return null;
        var named = Named(cmdlet);
        var outputTypes = type.GetCustomAttributesData()
            .Where(a => a.AttributeType.Name == "OutputTypeAttribute")
            .SelectMany(a => a.ConstructorArguments)
            .SelectMany(Values)
            .Select(v => v switch { Type t => t.FullName!, _ => v?.ToString() ?? "" })
            .ToList();
        var parameters = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(ReadParameter)
            .OfType<CmdletParameter>()
            .ToList();
        return new CmdletInfo(
            (string)cmdlet.ConstructorArguments[0].Value!,
            (string)cmdlet.ConstructorArguments[1].Value!,
            named.GetValueOrDefault("DefaultParameterSetName") as string,
            named.GetValueOrDefault("SupportsShouldProcess") as bool? ?? false,
            AliasesOf(type),
            outputTypes,
            parameters);
    }

    private static CmdletParameter? ReadParameter(PropertyInfo property)
    {
        var bindings = property.GetCustomAttributesData()
            .Where(a => a.AttributeType.Name == "ParameterAttribute")
            .Select(a => Named(a))
            .Select(n => new ParameterBinding(
                n.GetValueOrDefault("ParameterSetName") as string ?? CmdletParameter.AllSets,
                n.GetValueOrDefault("Mandatory") as bool? ?? false,
                n.GetValueOrDefault("Position") is int p && p >= 0 ? p : null,
                n.GetValueOrDefault("ValueFromPipeline") as bool? ?? false,
                n.GetValueOrDefault("ValueFromPipelineByPropertyName") as bool? ?? false))
            .ToList();
        if (bindings.Count == 0) return null;
        return new CmdletParameter(
            property.Name,
            DisplayName(property.PropertyType),
            property.PropertyType.Name == "SwitchParameter",
            Attribute(property, "SupportsWildcardsAttribute") is not null,
            AliasesOf(property),
            bindings)
        {
            AcceptedValues = AcceptedValues(property),
        };
    }

    private static IReadOnlyList<string> AcceptedValues(PropertyInfo property)
    {
        if (Attribute(property, "ValidateSetAttribute") is { } set)
            return set.ConstructorArguments.SelectMany(Values).Select(v => v?.ToString() ?? "").ToList();
        var type = property.PropertyType;
        if (type.IsGenericType && type.GetGenericTypeDefinition().FullName == "System.Nullable`1") type = type.GetGenericArguments()[0];
        return type.IsEnum ? type.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => f.Name).ToList() : [];
    }

    /// <summary>The type as Get-Help shows it: <c>String[]</c>, <c>Double</c> for <c>double?</c>.</summary>
    public static string DisplayName(Type type)
    {
        if (type.IsArray) return DisplayName(type.GetElementType()!) + "[]";
        if (type.IsGenericType && type.GetGenericTypeDefinition().FullName == "System.Nullable`1")
            return DisplayName(type.GetGenericArguments()[0]);
        return type.Name;
    }

    private static CustomAttributeData? Attribute(MemberInfo member, string name) =>
        member.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.Name == name);

    private static Dictionary<string, object?> Named(CustomAttributeData attribute) =>
        attribute.NamedArguments.ToDictionary(n => n.MemberName, n => n.TypedValue.Value);

    private static IReadOnlyList<string> AliasesOf(MemberInfo member) =>
        member.GetCustomAttributesData()
            .Where(a => a.AttributeType.Name == "AliasAttribute")
            .SelectMany(a => a.ConstructorArguments)
            .SelectMany(Values)
            .Select(v => (string)v!)
            .ToList();

    private static IEnumerable<object?> Values(CustomAttributeTypedArgument argument) =>
        argument.Value is IEnumerable<CustomAttributeTypedArgument> items ? items.Select(i => i.Value) : [argument.Value];
}
