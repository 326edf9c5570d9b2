using System.Management.Automation;
using SegMeasure.Core;
using SegMeasure.Core.Batch.Cluster;

namespace SegMeasure.PowerShell;

/// <summary>
/// <para type="synopsis">Submits a segmeasure sweep to Slurm: an array job with one task per shard and a merge job that joins the shard tables and status logs.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Submit, "SegClusterJob", SupportsShouldProcess = true)]
[OutputType(ClusterJobRecord.TypeName)]
public sealed class SubmitSegClusterJobCommand : CoreCmdlet
{
    /// <summary>The sweep command's words, as typed after <c>segmeasure</c> (e.g. measure morphology --segmentation … --output …).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string[] Command { get; set; } = [];

    [Parameter]
    [ValidateRange(1, 1_000_000)]
    public int Shards { get; set; } = SlurmJobOptions.Default.Shards;

    [Parameter] public string? Partition { get; set; }
    [Parameter] public string? Time { get; set; }
    [Parameter] public string? Memory { get; set; }

    [Parameter]
    [ValidateRange(1, 4096)]
    public int? CpusPerTask { get; set; }

    [Parameter] public string[] SbatchLine { get; set; } = [];
    [Parameter] public string JobName { get; set; } = SlurmJobOptions.Default.JobName;
    [Parameter] public string? JobDirectory { get; set; }

    /// <summary>How the nodes start segmeasure: the native binary, or e.g. 'dotnet','/opt/segmeasure/segmeasure.dll'.</summary>
    [Parameter] public string[] Program { get; set; } = ["segmeasure"];

    /// <summary>Return the scripts without writing or submitting them.</summary>
    [Parameter] public SwitchParameter DryRun { get; set; }

    [Parameter] public SwitchParameter Force { get; set; }

    private SlurmJobOptions Options => new()
    {
        Shards = Shards, Partition = Partition, Time = Time, Memory = Memory, CpusPerTask = CpusPerTask, ExtraLines = SbatchLine, JobName = JobName,
    };

    protected override void EndProcessing()
    {
        var location = SessionState.Path.CurrentFileSystemLocation.ProviderPath;
        try
        {
            var job = SlurmJob.Create(Program, SweepCommandLine.Parse(Command), Options, location,
                JobDirectory is null ? null : GetUnresolvedProviderPathFromPSPath(JobDirectory));
            if (DryRun) { WriteObject(ClusterJobRecord.From(job, null)); return; }
            if (!ShouldProcess(job.JobDirectory, $"Submit {Shards} array task(s) and a merge job to Slurm")) return;
            WriteObject(ClusterJobRecord.From(job, SlurmSubmission.Submit(job, Force)));
        }
        catch (SegMeasureException e)
        {
            ThrowTerminatingError(ErrorRecords.From(e, e.Path ?? location));
        }
    }
}
