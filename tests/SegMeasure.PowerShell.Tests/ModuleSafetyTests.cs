using System.Reflection;

namespace SegMeasure.PowerShell.Tests;

/// <summary>Cmdlets run side by side in many runspaces (ForEach-Object -Parallel): the shipped assemblies keep no shared mutable state.</summary>
public sealed class ModuleSafetyTests : IDisposable
{
    private readonly ModuleMetadata _module = new();

    public void Dispose() => _module.Dispose();

    [Theory]
    [InlineData("SegMeasure")]
    [InlineData("SegMeasure.Core")]
    [InlineData("SegMeasure.Viewer")]
    public void No_static_field_can_be_reassigned(string assemblyName)
    {
        var assembly = _module.Load(assemblyName);
        var mutable = assembly.GetTypes()
            .Where(t => !t.Name.Contains('<') && !ModuleMetadata.HasAttribute(t, "CompilerGeneratedAttribute"))
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(f => !f.IsInitOnly && !f.IsLiteral && !f.Name.Contains('<') && !ModuleMetadata.HasAttribute(f, "ThreadStaticAttribute"))
            .Select(f => $"{f.DeclaringType!.FullName}.{f.Name}")
            .ToList();
        Assert.True(mutable.Count == 0, "static fields that can be reassigned: " + string.Join(", ", mutable));
    }
}
