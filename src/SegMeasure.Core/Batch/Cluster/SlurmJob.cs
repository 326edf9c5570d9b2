using System.Globalization;
using System.Text;

namespace SegMeasure.Core.Batch.Cluster;

/// <summary>
/// A sweep as two Slurm batch scripts: an array job with one task per shard
/// (<c>--shard $SLURM_ARRAY_TASK_ID/N</c>), each writing its own table and status log into the
/// job folder, and a merge job, dependent on the whole array, that joins the shard tables with
/// <c>table concat</c> (in shard order, so the result is the local sweep's table) and the shard
/// status logs. Slurm does the scheduling; this class only writes what it runs.
/// </summary>
public sealed class SlurmJob
{
    private SlurmJob(string arrayScript, string mergeScript, string jobDirectory, string statusLog)
    {
        ArrayScript = arrayScript;
        MergeScript = mergeScript;
        JobDirectory = jobDirectory;
        StatusLog = statusLog;
    }

    public string ArrayScript { get; }
    public string MergeScript { get; }

    /// <summary>Where the scripts, the shard tables (<c>parts/</c>) and the logs (<c>logs/</c>) go.</summary>
    public string JobDirectory { get; }

    /// <summary>The joined status log the merge job writes.</summary>
    public string StatusLog { get; }

    public string ArrayScriptPath => Path.Combine(JobDirectory, "array.sbatch");
    public string MergeScriptPath => Path.Combine(JobDirectory, "merge.sbatch");

    /// <summary>The default job folder: beside the sweep's output, named after it.</summary>
    public static string DefaultJobDirectory(SweepCommandLine sweep) =>
        (sweep.Output ?? sweep.OutputDirectory!).TrimEnd('/', Path.DirectorySeparatorChar) + ".slurm";

    /// <summary>
    /// The scripts for <paramref name="sweep"/> run by <paramref name="program"/> (the words that
    /// start <c>segmeasure</c>, e.g. the AOT binary or <c>dotnet segmeasure.dll</c>) in
    /// <paramref name="workingDirectory"/>. Relative paths stay relative to it.
    /// </summary>
    public static SlurmJob Create(IReadOnlyList<string> program, SweepCommandLine sweep, SlurmJobOptions options, string workingDirectory, string? jobDirectory = null)
    {
        if (program.Count == 0)
            throw new SegMeasureException("SegMeasure.InvalidClusterCommand", ErrorKind.InvalidArgument, "the segmeasure program to run on the nodes is empty");
        if (options.Shards < 1)
            throw new SegMeasureException("SegMeasure.InvalidClusterCommand", ErrorKind.InvalidArgument, $"the number of shards must be at least 1, not {options.Shards}");
        var work = Path.GetFullPath(workingDirectory);
        var jobs = Path.GetFullPath(jobDirectory ?? DefaultJobDirectory(sweep), work);
        var extension = sweep.Output is null ? null : Path.GetExtension(sweep.Output) is { Length: > 0 } e ? e : ".csv";
        var statusLog = sweep.StatusLog is null ? Path.Combine(jobs, "status.jsonl") : Path.GetFullPath(sweep.StatusLog, work);
        var run = string.Join(' ', program.Select(Quote));
        int n = options.Shards;

        var array = Header(options, work, $"{options.JobName}", Path.Combine(jobs, "logs", "slurm-%A_%a.out"), resources: true);
        array.Append("#SBATCH --array=0-").Append(n - 1).Append('\n');
        array.Append("set -uo pipefail\n");
        array.Append("shard=$(printf '%04d' \"$SLURM_ARRAY_TASK_ID\")\n");
        array.Append(run).Append(' ').Append(string.Join(' ', sweep.Arguments.Select(Quote)));
        array.Append(" --shard \"$SLURM_ARRAY_TASK_ID/").Append(n).Append('"');
        if (!sweep.SetsJobs) array.Append(" --jobs \"${SLURM_CPUS_PER_TASK:-1}\"");
        array.Append(" --status-log ").Append(Quote(Path.Combine(jobs, "logs", "shard-"))).Append("\"$shard\"'.jsonl'");
        if (extension is not null) array.Append(" --output ").Append(Quote(Path.Combine(jobs, "parts", "shard-"))).Append("\"$shard\"").Append(Quote(extension));
        array.Append('\n');
        // The exit code marks the shard finished; the merge job reports shards that failed or never ran.
        array.Append("status=$?\necho \"$status\" > ").Append(Quote(Path.Combine(jobs, "logs", "shard-"))).Append("\"$shard\"'.exit'\nexit \"$status\"\n");

        var merge = Header(options, work, options.JobName + "-merge", Path.Combine(jobs, "logs", "slurm-merge-%j.out"), resources: false);
        merge.Append("set -uo pipefail\n");
        merge.Append("logs=").Append(Quote(Path.Combine(jobs, "logs"))).Append('\n');
        merge.Append("cat \"$logs\"/shard-*.jsonl > ").Append(Quote(statusLog)).Append(" 2>/dev/null || true\n");
        merge.Append("failed=0\n");
        merge.Append("for i in $(seq 0 ").Append(n - 1).Append("); do\n");
        merge.Append("  f=\"$logs/shard-$(printf '%04d' \"$i\").exit\"\n");
        merge.Append("  if [ ! -f \"$f\" ]; then echo \"segmeasure: shard $i/").Append(n).Append(" did not finish\" >&2; failed=1;\n");
        merge.Append("  elif [ \"$(cat \"$f\")\" != 0 ]; then echo \"segmeasure: shard $i/").Append(n).Append(" ended with exit code $(cat \"$f\")\" >&2; failed=1; fi\n");
        merge.Append("done\n");
        if (extension is not null)
        {
            merge.Append(run).Append(" table concat --inputs ").Append(Quote(Path.Combine(jobs, "parts", "shard-*" + extension)));
            merge.Append(" --output ").Append(Quote(Path.GetFullPath(sweep.Output!, work)));
            if (sweep.Force || sweep.SkipExisting) merge.Append(" --force");
            merge.Append(" || failed=1\n");
        }

        merge.Append("exit \"$failed\"\n");
        return new SlurmJob(array.ToString(), merge.ToString(), jobs, statusLog);
    }

    private static StringBuilder Header(SlurmJobOptions options, string workingDirectory, string name, string log, bool resources)
    {
        var text = new StringBuilder("#!/bin/bash\n");
        void Line(string option, string? value)
        {
            if (value is not null) text.Append("#SBATCH --").Append(option).Append('=').Append(value).Append('\n');
        }

        Line("job-name", name);
        Line("chdir", workingDirectory);
        Line("output", log);
        Line("partition", options.Partition);
        Line("time", options.Time);
        if (resources)
        {
            Line("mem", options.Memory);
            Line("cpus-per-task", options.CpusPerTask?.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var extra in options.ExtraLines)
        {
            var line = extra.Trim();
            if (line.Contains('\n'))
                throw new SegMeasureException("SegMeasure.InvalidClusterCommand", ErrorKind.InvalidArgument, $"--sbatch-line '{extra}': one option per line");
            text.Append(line.StartsWith("#SBATCH", StringComparison.Ordinal) ? line : "#SBATCH " + line).Append('\n');
        }

        return text;
    }

    /// <summary>One shell word: single-quoted, so nothing in it is expanded.</summary>
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,+@%".Contains(c)) ? word : "'" + word.Replace("'", "'\\''") + "'";
}
