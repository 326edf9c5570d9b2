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
///     WriteRows(Morphology.Measure(ImageFile.ReadLabels(path), Scale), "SegMeasure.Morphology", ("Path", path));
/// </code>
/// Long core calls go through <see cref="Run{T}"/> to get nested progress and Ctrl+C.
/// </summary>
public abstract class SegMeasureCmdlet : PSCmdlet
{
    protected const string PathSet = "Path";
    protected const string LiteralPathSet = "LiteralPath";

    /// <summary>Activity id of the per-file progress bar; core progress is nested under it.</summary>
    protected const int FileProgressId = 1;

    private readonly CoreWork _work = new();
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

    /// <summary>Cancelled when the user presses Ctrl+C; pass it to core calls that take a token.</summary>
    protected CancellationToken StoppingToken => _work.Token;

    protected override void ProcessRecord()
    {
        foreach (var path in ResolveInputPaths())
        {
            WriteProgress(new ProgressRecord(FileProgressId, Activity, $"{System.IO.Path.GetFileName(path)} ({_filesDone + 1})"));
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

    protected override void EndProcessing()
    {
        var done = new ProgressRecord(FileProgressId, Activity, "Done") { RecordType = ProgressRecordType.Completed };
        WriteProgress(done);
    }

    protected override void StopProcessing() => _work.Stop();

    /// <summary>
    /// Runs a long core call on a worker thread and relays its progress under this file's bar;
    /// Ctrl+C cancels it. The call must not touch the cmdlet: everything it needs goes in by value.
    /// </summary>
    protected T Run<T>(Func<IProgress<WorkProgress>, CancellationToken, T> work) => _work.Run(this, FileProgressId, work);

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
