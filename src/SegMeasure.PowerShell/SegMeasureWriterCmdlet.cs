using System.Management.Automation;
using SegMeasure.Core;
using SegMeasure.Core.Batch;
using SegMeasure.Core.Tiff;

namespace SegMeasure.PowerShell;

/// <summary>
/// Base for cmdlets that write a file per input: <c>-OutputPath</c> (a file, or a directory),
/// else <c>-Suffix</c> beside the input; <c>-Force</c> to overwrite; <c>-ZarrVersion</c> for OME-Zarr
/// outputs; <c>-WhatIf</c>/<c>-Confirm</c>;
/// <c>-SkipUpToDate</c> for re-runnable sweeps (the core's <see cref="OutputStamp"/> sidecars).
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

    /// <summary>Zarr version of an OME-Zarr output (an -OutputPath ending in .zarr, or IMAGE.zarr/labels/NAME): 2 (OME-Zarr 0.4)
    /// or 3 (0.5). Unset: the image's version for labels beside it, else the core's default.</summary>
    [Parameter]
    [ValidateRange(2, 3)]
    public int? ZarrVersion { get; set; }

    /// <summary>Re-runnable sweeps: skip an input whose output is newer than its inputs and was made with the same parameters.</summary>
    [Parameter]
    public SwitchParameter SkipUpToDate { get; set; }

    /// <summary>The output ConfirmOutput handed out for the file in progress, stamped once that file succeeds.</summary>
    private (string Output, IReadOnlyList<string?> Inputs, string Hash)? _pending;

    /// <summary>Extension of the output when it differs from the input's (e.g. ".csv"); null keeps the input's.</summary>
    protected virtual string? OutputExtension => null;

    /// <summary>The output path for <paramref name="inputPath"/>, or null when the user declined (-WhatIf, -Confirm).
    /// The core refuses an existing output without -Force before any work is done.</summary>
    protected string? ConfirmOutput(string inputPath)
    {
        var requested = OutputPath is null ? null : GetUnresolvedProviderPathFromPSPath(OutputPath);
        var output = OutputNaming.Resolve(inputPath, requested, Suffix, OutputExtension);
        _pending = null;
        if (SkipUpToDate)
        {
            var (inputs, hash) = Provenance(inputPath);
            if (OutputStamp.IsUpToDate(output, inputs, hash))
            {
                WriteVerbose($"{output}: up to date, skipped");
                MarkSkipped();
                return null;
            }

            // A stale output this sweep stamped before may be replaced, as the CLI's --skip-existing does.
            if (!Force && File.Exists(output) && !File.Exists(OutputStamp.SidecarOf(output))) OutputFile.RefuseExisting(false, output);
            _pending = (output, inputs, hash);
        }

        if (!ShouldProcess(output, $"{Activity} {System.IO.Path.GetFileName(inputPath)}")) return null;
        if (SkipUpToDate) OutputFile.RemoveAbandonedTemporaries(output); // what a killed run of this sweep was writing
        return output;
    }

    /// <summary>With -SkipUpToDate, a replaceable stale output counts as forced.</summary>
    private bool Overwrite => Force.IsPresent || (_pending is { } p && File.Exists(OutputStamp.SidecarOf(p.Output)));

    /// <summary>How the core writes this file's label output: <see cref="Overwrite"/> and -ZarrVersion.</summary>
    protected TiffWriteOptions WriteOptions => new() { Overwrite = Overwrite, ZarrVersion = ZarrVersion };

    protected override void FileDone(string path)
    {
        if (_pending is { } p) OutputStamp.Write(p.Output, p.Inputs, p.Hash);
        _pending = null;
    }

    /// <summary>
    /// The files an output depends on (the input and every bound -…Path parameter) and the hash of
    /// this call's other parameters — what decides whether an existing output is up to date.
    /// </summary>
    private (IReadOnlyList<string?> Inputs, string Hash) Provenance(string inputPath)
    {
        var ignored = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            // -MemoryLimitGB decides how an output is computed (band by band, or refused), never what it holds.
            "Path", "LiteralPath", "OutputPath", "Suffix", "Force", "SkipUpToDate", "StatusLog", "MemoryLimitGB", "WhatIf", "Confirm",
            "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "ErrorVariable",
            "WarningVariable", "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable",
        };
        var inputs = new List<string?> { inputPath };
        var settings = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in MyInvocation.BoundParameters)
        {
            if (ignored.Contains(name)) continue;
            var text = value switch
            {
                System.Collections.IEnumerable e and not string => string.Join("\u001f", e.Cast<object?>().Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))),
                _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
            };
            if (name.EndsWith("Path", StringComparison.OrdinalIgnoreCase) && value is string paired)
            {
                text = ResolvePairedPath(paired);
                inputs.Add(text);
            }

            settings.Add(KeyValuePair.Create(name, text));
        }

        return (inputs, ParameterHash.Of(MyInvocation.MyCommand.Name, settings));
    }
}
