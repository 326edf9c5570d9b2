using System.CommandLine;
using SegMeasure.Core;
using SegMeasure.Core.Batch.Cluster;

namespace SegMeasure.Cli.Commands;

/// <summary>
/// <c>segmeasure cluster submit slurm [options] -- SWEEP COMMAND</c>: any sweep command as a Slurm
/// array job (one task per shard) plus a merge job that joins the shard tables and status logs.
/// Submits with sbatch, or prints both scripts with <c>--dry-run</c>.
/// </summary>
public static class ClusterSubmitCommand
{
    public static Command Create()
    {
        var defaults = SlurmJobOptions.Default;
        var sweep = new Argument<string[]>("command") { Description = "The sweep command to run, after '--' (e.g. -- measure morphology --segmentation 'plate*/*.tif' --output plate.csv).", Arity = ArgumentArity.ZeroOrMore };
        var shards = new Option<int>("--shards") { Description = "Number of array tasks, each one shard of the sorted inputs.", DefaultValueFactory = _ => defaults.Shards };
        var partition = new Option<string?>("--partition") { Description = "Slurm partition." };
        var time = new Option<string?>("--time") { Description = "Time limit per task (e.g. 02:00:00)." };
        var memory = new Option<string?>("--mem") { Description = "Memory per task (e.g. 8G)." };
        var cpus = new Option<int?>("--cpus-per-task") { Description = "CPUs per task; also the sweep's --jobs unless the command sets it." };
        var lines = new Option<string[]>("--sbatch-line") { Description = "Extra #SBATCH line (repeatable), e.g. --sbatch-line '--account=lab'.", Arity = ArgumentArity.OneOrMore };
        var name = new Option<string>("--job-name") { Description = "Job name of the array (the merge job adds -merge).", DefaultValueFactory = _ => defaults.JobName };
        var jobDirectory = new Option<string?>("--job-dir") { Description = "Folder for the scripts, shard tables and logs (default: the sweep's output + .slurm)." };
        var program = new Option<string[]>("--program") { Description = "How the nodes start segmeasure (default: this program), e.g. --program /opt/segmeasure/segmeasure.", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the two batch scripts instead of writing and submitting them." };
        var force = CommonOptions.Force();
        var slurm = new Command("slurm", "Run a sweep as a Slurm array job (one task per shard) and a dependent merge job.")
        {
            shards, partition, time, memory, cpus, lines, name, jobDirectory, program, dryRun, force, sweep,
        };
        slurm.SetAction(parse => CliContext.Execute(context =>
        {
            var arguments = parse.GetValue(sweep) ?? [];
            var sweepLine = SweepCommandLine.Parse(arguments);
            RefuseNonSweep(arguments);
            var options = new SlurmJobOptions
            {
                Shards = parse.GetValue(shards), Partition = parse.GetValue(partition), Time = parse.GetValue(time), Memory = parse.GetValue(memory),
                CpusPerTask = parse.GetValue(cpus), ExtraLines = parse.GetValue(lines) ?? [], JobName = parse.GetValue(name)!,
            };
            var job = SlurmJob.Create(parse.GetValue(program) is { Length: > 0 } p ? p : ThisProgram(), sweepLine, options,
                Directory.GetCurrentDirectory(), parse.GetValue(jobDirectory));
            if (parse.GetValue(dryRun))
            {
                context.Output.WriteLine($"# {job.ArrayScriptPath}");
                context.Output.Write(job.ArrayScript);
                context.Output.WriteLine($"# {job.MergeScriptPath} (after the array: sbatch --dependency=afterany:<array job id>)");
                context.Output.Write(job.MergeScript);
                return 0;
            }

            var submitted = SlurmSubmission.Submit(job, parse.GetValue(force));
            context.Output.WriteLine($"array job {submitted.ArrayJobId} ({options.Shards} tasks), merge job {submitted.MergeJobId}; job folder {submitted.JobDirectory}");
            return 0;
        }));
        var submit = new Command("submit", "Submit a sweep to a cluster scheduler.") { slurm };
        return new Command("cluster", "Run sweeps on a cluster: sharded array jobs and a merge step.") { submit };
    }

    /// <summary>Only a sweep command (one that takes --shard) can be split into array tasks.</summary>
    private static void RefuseNonSweep(string[] arguments)
    {
        if (arguments.Length == 0) return; // SweepCommandLine says what is missing
        var parse = SegMeasureApp.BuildRootCommand().Parse(arguments);
        var command = parse.CommandResult.Command;
        if (!command.Options.Any(o => o.Name == "--shard"))
            throw new SegMeasureException("SegMeasure.InvalidClusterCommand", ErrorKind.InvalidArgument,
                $"'{string.Join(' ', arguments.Take(3))}' is not a sweep command (measure, postprocess); only sweeps split into shards");
        if (parse.Errors.Count > 0)
            throw new SegMeasureException("SegMeasure.InvalidClusterCommand", ErrorKind.InvalidArgument,
                $"the sweep command is not valid: {parse.Errors[0].Message}");
    }

    /// <summary>This program as the nodes can start it: the native binary, or the .NET host with segmeasure.dll.</summary>
    private static string[] ThisProgram()
    {
        var process = Environment.ProcessPath ?? "segmeasure";
        var library = Path.Combine(AppContext.BaseDirectory, "segmeasure.dll");
        return Path.GetFileNameWithoutExtension(process) == "dotnet" && File.Exists(library) ? [process, library] : [process];
    }
}
