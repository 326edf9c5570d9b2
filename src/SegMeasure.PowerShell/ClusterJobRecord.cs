using System.Management.Automation;
using SegMeasure.Core.Batch.Cluster;

namespace SegMeasure.PowerShell;

/// <summary>The object Submit-SegClusterJob emits: where the job lives, its scripts, and its Slurm job ids once submitted.</summary>
internal static class ClusterJobRecord
{
    public const string TypeName = "SegMeasure.ClusterJob";

    public static PSObject From(SlurmJob job, SubmittedSlurmJob? submitted)
    {
        var record = new PSObject();
        record.TypeNames.Insert(0, TypeName);
        record.Properties.Add(new PSNoteProperty("ArrayJobId", submitted?.ArrayJobId));
        record.Properties.Add(new PSNoteProperty("MergeJobId", submitted?.MergeJobId));
        record.Properties.Add(new PSNoteProperty("JobDirectory", job.JobDirectory));
        record.Properties.Add(new PSNoteProperty("StatusLog", job.StatusLog));
        record.Properties.Add(new PSNoteProperty("ArrayScriptPath", job.ArrayScriptPath));
        record.Properties.Add(new PSNoteProperty("MergeScriptPath", job.MergeScriptPath));
        record.Properties.Add(new PSNoteProperty("ArrayScript", job.ArrayScript));
        record.Properties.Add(new PSNoteProperty("MergeScript", job.MergeScript));
        return record;
    }
}
