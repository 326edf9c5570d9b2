using System.Management.Automation;
using SegMeasure.Core;
using SegMeasure.Core.Batch;
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
public abstract class SegMeasureCmdlet : CoreCmdlet, IDisposable
{
    protected const string PathSet = "Path";
    protected const string LiteralPathSet = "LiteralPath";

    private int _filesDone;
    private Core.Batch.StatusLog? _statusLog;
    private long? _rowsOfFile;
    private bool _fileSkipped;

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "FullName")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = [];

    /// <summary>Append one JSON line per input file (file, status, seconds, rows, error) to this file, as the command line's --status-log.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? StatusLog { get; set; }

    /// <summary>The text shown by Write-Progress, e.g. "Measuring morphology".</summary>
    protected abstract string Activity { get; }

    /// <summary>Does the work for one resolved file system path.</summary>
    protected abstract void ProcessFile(string path);

    protected override void BeginProcessing()
    {
        if (StatusLog is null) return;
        try
        {
            _statusLog = Core.Batch.StatusLog.Open(GetUnresolvedProviderPathFromPSPath(StatusLog));
        }
        catch (SegMeasureException e)
        {
            ThrowTerminatingError(ErrorRecords.From(e, e.Path ?? StatusLog));
        }
    }

    protected override void ProcessRecord()
    {
        foreach (var path in ResolveInputPaths())
        {
            WriteProgress(new ProgressRecord(ProgressId, Activity, $"{System.IO.Path.GetFileName(path)} ({_filesDone + 1})"));
            var clock = System.Diagnostics.Stopwatch.StartNew();
            (_rowsOfFile, _fileSkipped) = (null, false);
            try
            {
                ProcessFile(path);
                FileDone(path);
                _statusLog?.Add(path, _fileSkipped ? FileStatus.Skipped : FileStatus.Done, clock.Elapsed.TotalSeconds, _rowsOfFile);
            }
            catch (SegMeasureException e)
            {
                _statusLog?.Add(path, FileStatus.Failed, clock.Elapsed.TotalSeconds, error: e.Message);
                WriteError(ErrorRecords.From(e, e.Path ?? path));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _statusLog?.Add(path, FileStatus.Failed, clock.Elapsed.TotalSeconds, error: e.Message);
                WriteError(ErrorRecords.From(e, path));
            }
            catch (SessionStateException e)
            {
                // A paired path on a drive or provider that does not exist.
                _statusLog?.Add(path, FileStatus.Failed, clock.Elapsed.TotalSeconds, error: e.Message);
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

    /// <summary>Marks the file in progress as skipped (its output was up to date) for the status log.</summary>
    protected void MarkSkipped() => _fileSkipped = true;

    protected override void EndProcessing()
    {
        CloseStatusLog();
        var done = new ProgressRecord(ProgressId, Activity, "Done") { RecordType = ProgressRecordType.Completed };
        WriteProgress(done);
    }

    /// <summary>Resolves a paired path (intensity image, nucleus segmentation) given relative to the current location.</summary>
    protected string ResolvePairedPath(string path) => GetUnresolvedProviderPathFromPSPath(path);

    /// <summary>Closes the status log; also when the pipeline is stopped or fails (PowerShell disposes cmdlets).</summary>
    protected void CloseStatusLog()
    {
        _statusLog?.Dispose();
        _statusLog = null;
    }

    public void Dispose() => CloseStatusLog();

    /// <summary>Writes one record per table row with the spec's column names, then <paramref name="extra"/> (Path and paired paths).</summary>
    protected void WriteRows(MeasurementTable table, string typeName, params (string Name, object? Value)[] extra)
    {
        _rowsOfFile = (_rowsOfFile ?? 0) + table.RowCount;
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
                if (Directory.Exists(path) && !Core.Images.ImagePaths.IsZarr(path))
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
