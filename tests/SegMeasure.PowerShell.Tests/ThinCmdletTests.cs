using System.Reflection;
using Xunit.Abstractions;

namespace SegMeasure.PowerShell.Tests;

/// <summary>
/// Cmdlets bind parameters and call one core function; anything that can be wrong lives in the core,
/// where it is tested. The IL size of a cmdlet's processing methods is the measure: a loop, a
/// branch on the data or a computation makes it grow past these limits.
/// </summary>
public sealed class ThinCmdletTests : IDisposable
{
    /// <summary>Bytes of IL one processing override may hold: a core call, options from parameters, WriteRows/WriteObject.</summary>
    public const int MaxOverrideIL = 320;

    /// <summary>Bytes of IL all methods of a cmdlet class (lambdas and helpers included, property accessors excluded) may hold.</summary>
    public const int MaxClassIL = 640;

    private static readonly string[] ProcessingMethods = ["ProcessFile", "Process", "ProcessRecord", "BeginProcessing", "EndProcessing"];

    private readonly ModuleMetadata _module = new();
    private readonly ITestOutputHelper _output;

    public ThinCmdletTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _module.Dispose();

    [Fact]
    public void Processing_overrides_are_short_delegations()
    {
        var tooLong = new List<string>();
        foreach (var cmdlet in _module.CmdletInfos().Values)
            foreach (var method in DeclaredMethods(cmdlet.Type).Where(m => ProcessingMethods.Contains(m.Name)))
            {
                int size = ILSize(method);
                if (size > MaxOverrideIL) tooLong.Add($"{cmdlet.Name}.{method.Name}: {size} bytes of IL (limit {MaxOverrideIL}); move the logic into the core");
            }

        Assert.True(tooLong.Count == 0, string.Join(Environment.NewLine, tooLong));
    }

    [Fact]
    public void Cmdlet_classes_hold_no_logic_of_their_own()
    {
        var tooLong = new List<string>();
        foreach (var cmdlet in _module.CmdletInfos().Values)
        {
            var methods = DeclaredMethods(cmdlet.Type)
                .Concat(cmdlet.Type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic).SelectMany(DeclaredMethods))
                .Where(m => !m.IsSpecialName) // property accessors carry no logic worth counting
                .ToList();
            int total = methods.Sum(ILSize);
            _output.WriteLine($"{cmdlet.Name}: {total} bytes ({string.Join(", ", methods.Select(m => $"{m.Name} {ILSize(m)}"))})");
            if (total > MaxClassIL)
                tooLong.Add($"{cmdlet.Name}: {total} bytes of IL in {string.Join(", ", methods.Select(m => $"{m.Name} {ILSize(m)}"))} (limit {MaxClassIL})");
        }

        Assert.True(tooLong.Count == 0, string.Join(Environment.NewLine, tooLong));
    }

    [Fact]
    public void Measure_of_size_sees_method_bodies()
    {
        // Guards the two tests above against passing because bodies read as empty.
        var baseType = _module.GetType("SegMeasure.PowerShell.SegMeasureCmdlet");
        var processRecord = baseType.GetMethod("ProcessRecord", BindingFlags.Instance | BindingFlags.NonPublic)!;
        Assert.InRange(ILSize(processRecord), 40, 10_000);
    }

    private static IEnumerable<MethodInfo> DeclaredMethods(Type type) =>
        type.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsAbstract);

    private static int ILSize(MethodInfo method) => method.GetMethodBody()?.GetILAsByteArray()?.Length ?? 0;
}
