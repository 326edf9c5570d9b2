using System.Collections.ObjectModel;
using System.Management.Automation;
using SegMeasure.Core;
using SegMeasure.Core.Tables;

namespace SegMeasure.PowerShell;

/// <summary>
/// The plumbing every file-processing cmdlet shares: <c>-Path</c> (wildcards) and
/// <c>-LiteralPath</c> (aliases PSPath, FullName) from the pipeline, provider paths resolved,
/// Write-Progress per file, and one non-terminating error per bad file so a sweep continues.
/// A derived cmdlet implements <see cref="ProcessFile"/> as a short call into the core.
/// </summary>
public abstract class SegMeasureCmdlet : PSCmdlet
{
    protected const string PathSet = "Path";
    protected const string LiteralPathSet = "LiteralPath";

    private int _filesDone;

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "FullName")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = [];

    /// <summary>The text shown by Write-Progress, e.g. "Measuring morphology".</summary>
    protected abstract string Activity { get; }

    /// <summary>Does the work for one resolved file system path.</summary>
    protected abstract void ProcessFile(string path);

    protected override void ProcessRecord()
    {
        foreach (var path in ResolveInputPaths())
        {
            WriteProgress(new ProgressRecord(1, Activity, $"{System.IO.Path.GetFileName(path)} ({_filesDone + 1})"));
            try
            {
                ProcessFile(path);
            }
            catch (SegMeasureException e)
            {
                WriteError(ErrorRecords.From(e, e.Path ?? path));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                WriteError(ErrorRecords.From(e, path));
            }

            _filesDone++;
        }
    }

    protected override void EndProcessing()
    {
        var done = new ProgressRecord(1, Activity, "Done") { RecordType = ProgressRecordType.Completed };
        WriteProgress(done);
    }

    /// <summary>Resolves a paired path (intensity image, nucleus segmentation) given relative to the current location.</summary>
    protected string ResolvePairedPath(string path) => GetUnresolvedProviderPathFromPSPath(path);

    /// <summary>Writes one record per table row with the spec's column names, then <paramref name="extra"/> (Path and paired paths).</summary>
    protected void WriteRows(MeasurementTable table, string typeName, params (string Name, object? Value)[] extra)
    {
        for (int row = 0; row < table.RowCount; row++)
            WriteObject(RecordFactory.FromRow(table, row, typeName, extra));
    }

    private IEnumerable<string> ResolveInputPaths()
    {
        if (ParameterSetName == LiteralPathSet)
        {
            foreach (var p in LiteralPath)
                yield return GetUnresolvedProviderPathFromPSPath(p);
            yield break;
        }

        foreach (var p in Path)
        {
            Collection<string>? resolved = null;
            try
            {
                resolved = GetResolvedProviderPathFromPSPath(p, out _);
            }
            catch (ItemNotFoundException e)
            {
                WriteError(new ErrorRecord(e, "SegMeasure.FileNotFound", ErrorCategory.ObjectNotFound, p));
            }

            if (resolved is null) continue;
            foreach (var r in resolved)
                yield return r;
        }
    }
}
