using System.Management.Automation;
using SegMeasure.Core;
using SegMeasure.Core.Batch;

namespace SegMeasure.PowerShell;

/// <summary>
/// Base for cmdlets that write a file per input: <c>-OutputPath</c> (a file, or a directory),
/// else <c>-Suffix</c> beside the input; <c>-Force</c> to overwrite; <c>-WhatIf</c>/<c>-Confirm</c>.
/// Derived classes must declare <c>SupportsShouldProcess = true</c> on their [Cmdlet] attribute.
/// </summary>
public abstract class SegMeasureWriterCmdlet : SegMeasureCmdlet
{
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? OutputPath { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Suffix { get; set; } = "_processed";

    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Extension of the output when it differs from the input's (e.g. ".csv"); null keeps the input's.</summary>
    protected virtual string? OutputExtension => null;

    /// <summary>The output path for <paramref name="inputPath"/>, or null when the user declined (-WhatIf, -Confirm).
    /// The core refuses an existing output without -Force before any work is done.</summary>
    protected string? ConfirmOutput(string inputPath)
    {
        var requested = OutputPath is null ? null : GetUnresolvedProviderPathFromPSPath(OutputPath);
        var output = OutputNaming.Resolve(inputPath, requested, Suffix, OutputExtension);
        return ShouldProcess(output, $"{Activity} {System.IO.Path.GetFileName(inputPath)}") ? output : null;
    }
}
