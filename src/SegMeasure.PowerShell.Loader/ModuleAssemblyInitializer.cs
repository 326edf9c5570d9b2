using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace SegMeasure.PowerShell.Loader;

/// <summary>
/// Runs when <c>Import-Module SegMeasure</c> loads this first nested module, before the cmdlet
/// assembly: from then on the default load context asks <see cref="DependencyLoadContext"/> for
/// our assemblies (SegMeasure.Core, ...), which therefore bind their own CsvHelper, OpenXml and
/// MathNet whatever versions other modules have loaded. The cmdlet assembly itself stays in the
/// default context, where PowerShell looks for cmdlets.
/// </summary>
public sealed class ModuleAssemblyInitializer : IModuleAssemblyInitializer
{
    private static int _registered;

    /// <summary>Called once per import, so once per runspace; the handler is registered once per process.</summary>
    public void OnImport()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
            AssemblyLoadContext.Default.Resolving += ResolveOurs;
    }

    private static Assembly? ResolveOurs(AssemblyLoadContext context, AssemblyName name) =>
        DependencyLoadContext.Instance.Ships(name) ? DependencyLoadContext.Instance.LoadFromAssemblyName(name) : null;
}
