using System.Management.Automation;
using SegMeasure.Core;
using SegMeasure.Core.Tables;

namespace SegMeasure.PowerShell;

/// <summary>
/// The plumbing every file-processing cmdlet shares: <c>-Path</c> (wildcards) and
/// <c>-LiteralPath</c> (aliases PSPath, FullName) from the pipeline, provider paths resolved,
/// Write-Progress per file, and one non-terminating error per bad file so a sweep continues.
/// A derived cmdlet implements <see cref="ProcessFile"/> as a short call into the core:
/// <code>
/// protected override void ProcessFile(string path) =>
///     var options = new MorphologyOptions { Scale = Scale };
///     WriteRows(Run((progress, ct) => MeasurementFiles.Morphology(path, options, progress, ct)), "SegMeasure.Morphology", ("Path", path));
/// </code>
/// Long core calls go through <see cref="CoreCmdlet.Run{T}"/> to get nested progress and Ctrl+C.
/// </summary>
public abstract class SegMeasureCmdlet : CoreCmdlet
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
            WriteProgress(new ProgressRecord(ProgressId, Activity, $"{System.IO.Path.GetFileName(path)} ({_filesDone + 1})"));
            try
            {
                ProcessFile(path);
                FileDone(path);
            }
            catch (SegMeasureException e)
            {
                WriteError(ErrorRecords.From(e, e.Path ?? path));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                WriteError(ErrorRecords.From(e, path));
            }
            catch (SessionStateException e)
            {
                // A paired path on a drive or provider that does not exist.
                WriteError(new ErrorRecord(e, "SegMeasure.FileNotFound", ErrorCategory.ObjectNotFound, path));
            }
            catch (OperationCanceledException) when (StoppingToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }

            _filesDone++;
        }
    }

    /// <summary>Called after <see cref="ProcessFile"/> succeeded for <paramref name="path"/>.</summary>
    protected virtual void FileDone(string path)
    {
    }

    protected override void EndProcessing()
    {
        var done = new ProgressRecord(ProgressId, Activity, "Done") { RecordType = ProgressRecordType.Completed };
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
        var candidates = ParameterSetName == LiteralPathSet
            ? LiteralPath.Select(p => (Input: p, Resolved: Resolve(p, literal: true)))
            : Path.Select(p => (Input: p, Resolved: Resolve(p, literal: false)));
        foreach (var (input, resolved) in candidates)
        {
            if (resolved is null) continue;
            foreach (var path in resolved)
            {
                // Get-ChildItem -Recurse without -File also yields folders: say so instead of failing inside the reader.
                if (Directory.Exists(path))
                {
                    WriteError(new ErrorRecord(new ArgumentException($"{path}: is a directory, not an image file (use Get-ChildItem -File)"),
                        "SegMeasure.NotAFile", ErrorCategory.InvalidArgument, path));
                    continue;
                }

                yield return path;
            }
        }
    }

    /// <summary>File system paths for one -Path or -LiteralPath value, or null after writing why there are none.</summary>
    private IReadOnlyList<string>? Resolve(string input, bool literal)
    {
        try
        {
            ProviderInfo provider;
            IReadOnlyList<string> paths;
            if (literal)
                paths = [SessionState.Path.GetUnresolvedProviderPathFromPSPath(input, out provider, out _)];
            else
                paths = GetResolvedProviderPathFromPSPath(input, out provider);
            if (provider.Name == "FileSystem") return paths;
            WriteError(new ErrorRecord(new ArgumentException($"{input}: is not a file system path ({provider.Name} provider)"),
                "SegMeasure.NotAFileSystemPath", ErrorCategory.InvalidArgument, input));
        }
        catch (SessionStateException e)
        {
            // No such item, drive or provider.
            WriteError(new ErrorRecord(e, "SegMeasure.FileNotFound", ErrorCategory.ObjectNotFound, input));
        }

        return null;
    }
}
