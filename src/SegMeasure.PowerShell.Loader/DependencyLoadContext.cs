using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace SegMeasure.PowerShell.Loader;

/// <summary>
/// The load context of the core and its libraries (CsvHelper, DocumentFormat.OpenXml,
/// MathNet.Numerics, ...), which ship in the module's <c>Dependencies</c> folder. A binary module
/// shares the PowerShell process with every other module: in the default context our CsvHelper 33
/// and another module's CsvHelper 30 cannot both be loaded, and whichever comes second fails. In a
/// context of their own both coexist, the pattern PowerShell's documentation recommends for
/// assembly conflicts.
/// </summary>
internal sealed class DependencyLoadContext : AssemblyLoadContext
{
    /// <summary>One per process: an assembly loaded twice would give two incompatible copies of its types.</summary>
    public static DependencyLoadContext Instance { get; } = new(
        Path.Combine(Path.GetDirectoryName(typeof(DependencyLoadContext).Assembly.Location)!, "Dependencies"));

    private readonly string _folder;

    private DependencyLoadContext(string folder) : base("SegMeasure.Dependencies") => _folder = folder;

    /// <summary>True for an assembly of ours (SegMeasure.*) that ships in the Dependencies folder.</summary>
    public bool Ships(AssemblyName name) =>
        name.Name is { } simple && simple.StartsWith("SegMeasure.", StringComparison.Ordinal) && File.Exists(PathOf(simple));

    /// <summary>What we ship comes from our folder; anything else (the framework,
    /// System.Management.Automation) falls through to the default context.</summary>
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var path = PathOf(assemblyName.Name!);
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }

    /// <summary>Native libraries (ONNX Runtime) ship as Dependencies/runtimes/RID/native/, as NuGet lays them out.</summary>
    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var folder = Path.Combine(_folder, "runtimes", RuntimeInformation.RuntimeIdentifier, "native");
        string file = OperatingSystem.IsWindows() ? unmanagedDllName + ".dll"
            : OperatingSystem.IsMacOS() ? "lib" + unmanagedDllName + ".dylib"
            : "lib" + unmanagedDllName + ".so";
        foreach (var candidate in new[] { Path.Combine(folder, unmanagedDllName), Path.Combine(folder, file) })
            if (File.Exists(candidate)) return LoadUnmanagedDllFromPath(candidate);
        return IntPtr.Zero;
    }

    private string PathOf(string simpleName) => Path.Combine(_folder, simpleName + ".dll");
}
