using SegMeasure.Cli.Tests.Sweeps;

namespace SegMeasure.Cli.Tests.Cluster;

/// <summary><c>segmeasure cluster submit slurm</c>: the scripts it writes, and a real run on a one-node Slurm cluster.</summary>
public sealed class SlurmSubmitTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("segmeasure-cluster-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Repo() => TestRepository.Root;

    /// <summary>Seven segmentations of the example data in a plate folder: four shards of 2, 2, 2 and 1.</summary>
    private void MakePlate()
    {
        var data = Path.Combine(Repo(), "examples", "data");
        Directory.CreateDirectory(Path.Combine(_dir, "plate"));
        for (int i = 0; i < 7; i++)
            File.Copy(Path.Combine(data, i % 2 == 0 ? "membrane-seg.tif" : "nucleus-seg.tif"), Path.Combine(_dir, "plate", $"well{i:D2}-seg.tif"));
    }

    [Fact]
    public void Dry_run_prints_an_array_script_with_one_task_per_shard_and_a_merge_script()
    {
        var run = CliRun.App("cluster", "submit", "slurm", "--dry-run", "--shards", "8", "--partition", "short", "--time", "02:00:00", "--mem", "4G",
            "--cpus-per-task", "2", "--sbatch-line", "--account=lab", "--program", "/opt/segmeasure/segmeasure",
            "--", "measure", "morphology", "--segmentation", "plate/*.tif", "--output", Path.Combine(_dir, "plate.csv"));
        Assert.True(run.ExitCode == 0, run.Error);
        foreach (var line in new[] { "#SBATCH --array=0-7", "#SBATCH --partition=short", "#SBATCH --time=02:00:00", "#SBATCH --mem=4G",
                     "#SBATCH --cpus-per-task=2", "#SBATCH --account=lab", "--shard \"$SLURM_ARRAY_TASK_ID/8\"", "--jobs \"${SLURM_CPUS_PER_TASK:-1}\"",
                     "/opt/segmeasure/segmeasure measure morphology --segmentation 'plate/*.tif'", " table concat --inputs " })
            Assert.Contains(line, run.Output);
        Assert.False(Directory.Exists(Path.Combine(_dir, "plate.csv.slurm")), "a dry run writes nothing");
    }

    [Theory]
    [InlineData("table merge --inputs a.csv --output b.csv", "is not a sweep command")]
    [InlineData("measure morphology --segmentation a.tif", "needs --output")]
    [InlineData("measure morphology --segmentation a.tif --output b.csv --shard 0/2", "must not give --shard")]
    [InlineData("", "no sweep command")]
    public void A_command_that_cannot_be_sharded_is_refused(string command, string message)
    {
        var run = CliRun.App(["cluster", "submit", "slurm", "--dry-run", "--", .. command.Split(' ', StringSplitOptions.RemoveEmptyEntries)]);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.Error);
    }

    [SlurmFact]
    public void A_four_task_array_and_its_merge_on_a_real_Slurm_give_the_local_sweeps_table()
    {
        MakePlate();
        var local = SegMeasureProcess.Run(_dir, "measure", "morphology", "--segmentation", "plate/*.tif", "--output", "local.csv");
        Assert.True(local.ExitCode == 0, local.Error);

        using var slurm = new OneNodeSlurm();
        var submit = SegMeasureProcess.Run(_dir, slurm.Environment, "cluster", "submit", "slurm", "--shards", "4", "--time", "00:10:00",
            "--program", "dotnet", SegMeasureProcess.Program,
            "--", "measure", "morphology", "--segmentation", "plate/*.tif", "--output", "cluster.csv", "--status-log", "cluster.jsonl");
        Assert.True(submit.ExitCode == 0, submit.Error);
        var words = submit.Output.Split(' ');
        var (arrayJob, mergeJob) = (words[2], words[7].TrimEnd(';'));
        slurm.WaitFor([arrayJob, mergeJob], TimeSpan.FromMinutes(3));

        var logs = Path.Combine(_dir, "cluster.csv.slurm", "logs");
        string Explain() => string.Join('\n', Directory.Exists(logs) ? Directory.GetFiles(logs, "*.out").Select(f => f + ":\n" + File.ReadAllText(f)) : []) + slurm.Log("slurmctld.log");
        Assert.True(File.Exists(Path.Combine(_dir, "cluster.csv")), Explain());
        Assert.Equal(File.ReadAllText(Path.Combine(_dir, "local.csv")), File.ReadAllText(Path.Combine(_dir, "cluster.csv")));
        Assert.Equal(4, Directory.GetFiles(Path.Combine(_dir, "cluster.csv.slurm", "parts"), "shard-*.csv").Length);
        // The joined status log: one "done" line per input, from four array tasks.
        var status = File.ReadAllLines(Path.Combine(_dir, "cluster.jsonl"));
        Assert.Equal(7, status.Length);
        Assert.All(status, line => Assert.Contains("\"status\":\"done\"", line));
        Assert.Equal(4, Directory.GetFiles(logs, "slurm-*_*.out").Length);
    }
}
