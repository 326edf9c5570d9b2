namespace SegMeasure.Cli.Tests.Cluster;

/// <summary>A test that needs a real Slurm: skipped, saying why, where Debian's slurm-wlm is not installed.</summary>
public sealed class SlurmFactAttribute : FactAttribute
{
    public SlurmFactAttribute()
    {
        if (!File.Exists(OneNodeSlurm.Slurmctld))
            Skip = $"{OneNodeSlurm.Slurmctld} is not installed (Debian packages slurm-wlm and munge; .ci/run installs them)";
        else if (Environment.UserName != "root")
            Skip = "starting slurmd and munged needs root (as in CI)";
    }
}
