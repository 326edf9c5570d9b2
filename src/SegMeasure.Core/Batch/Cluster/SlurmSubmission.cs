using System.Diagnostics;

namespace SegMeasure.Core.Batch.Cluster;

/// <summary>The Slurm job ids of a submitted sweep: the array and the merge job that waits for it.</summary>
public sealed record SubmittedSlurmJob(string ArrayJobId, string MergeJobId, string JobDirectory, string StatusLog);

/// <summary>Writes a <see cref="SlurmJob"/>'s scripts into its job folder and hands them to <c>sbatch</c>.</summary>
public static class SlurmSubmission
{
    /// <summary>
    /// Writes the scripts (refusing existing ones unless <paramref name="overwrite"/>), creates the
    /// job folder's <c>parts/</c> and <c>logs/</c>, submits the array, then the merge job with
    /// <c>--dependency=afterany:</c> the array (it runs after every task, failed or not, and
    /// reports the failures). A failing sbatch is an error with its message.
    /// </summary>
    public static SubmittedSlurmJob Submit(SlurmJob job, bool overwrite, string sbatch = "sbatch")
    {
        Directory.CreateDirectory(Path.Combine(job.JobDirectory, "parts"));
        Directory.CreateDirectory(Path.Combine(job.JobDirectory, "logs"));
        OutputFile.RefuseExisting(overwrite, job.ArrayScriptPath, job.MergeScriptPath);
        WriteScript(job.ArrayScriptPath, job.ArrayScript);
        WriteScript(job.MergeScriptPath, job.MergeScript);
        var array = Run(sbatch, ["--parsable", job.ArrayScriptPath]);
        var merge = Run(sbatch, ["--parsable", $"--dependency=afterany:{array}", job.MergeScriptPath]);
        return new SubmittedSlurmJob(array, merge, job.JobDirectory, job.StatusLog);
    }

    private static void WriteScript(string path, string text) =>
        OutputFile.Write(path, overwrite: true, stream =>
        {
            using var writer = new StreamWriter(stream);
            writer.Write(text);
        }, "the batch script");

    /// <summary>Runs sbatch; its <c>--parsable</c> answer is <c>id</c> or <c>id;cluster</c>.</summary>
    private static string Run(string sbatch, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(sbatch) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new SegMeasureException("SegMeasure.SchedulerNotFound", ErrorKind.NotFound, $"{sbatch}: cannot run Slurm's sbatch ({e.Message}); is this a Slurm login node?", sbatch, e);
        }

        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new SegMeasureException("SegMeasure.SubmitFailed", ErrorKind.InvalidArgument, $"sbatch refused the job: {error.Result.Trim()}");
            return output.Trim().Split(';')[0];
        }
    }
}
