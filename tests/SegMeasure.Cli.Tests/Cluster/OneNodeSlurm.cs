using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SegMeasure.Cli.Tests.Cluster;

/// <summary>
/// A real one-node Slurm cluster for one test, all of it in a scratch folder: its own munge key
/// and socket (munged as user munge), its own slurm.conf and ports, state, spool, logs and pid
/// files. Dispose stops exactly the daemons it started, by the pids in their pid files.
/// </summary>
public sealed class OneNodeSlurm : IDisposable
{
    public const string Slurmctld = "/usr/sbin/slurmctld";
    private const string Slurmd = "/usr/sbin/slurmd";
    private const string Munged = "/usr/sbin/munged";

    private readonly string _root;

    public OneNodeSlurm()
    {
        _root = Path.Combine(Path.GetTempPath(), "segmeasure-slurm-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            Start();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The environment that points Slurm's commands at this cluster.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["SLURM_CONF"] = Conf };

    private string Conf => Path.Combine(_root, "slurm.conf");
    private string Munge => Path.Combine(_root, "munge");
    private string[] PidFiles => [Path.Combine(_root, "run", "slurmd.pid"), Path.Combine(_root, "run", "slurmctld.pid"), Path.Combine(Munge, "munged.pid")];

    private void Start()
    {
        foreach (var folder in new[] { "state", "spool", "log", "run", "munge" }) Directory.CreateDirectory(Path.Combine(_root, folder));
        // munged runs as user munge: it must reach its socket through every folder, and own its key.
        if (OperatingSystem.IsLinux()) // Slurm runs nowhere else
            File.SetUnixFileMode(_root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        var key = Path.Combine(Munge, "munge.key");
        File.WriteAllBytes(key, System.Security.Cryptography.RandomNumberGenerator.GetBytes(1024));
        Run("chown", "-R", "munge:munge", Munge);
        Run("chmod", "711", Munge);
        Run("chmod", "400", key);
        Run("runuser", "-u", "munge", "--", Munged, $"--socket={Munge}/munge.socket", $"--key-file={key}",
            $"--log-file={Munge}/munged.log", $"--pid-file={Munge}/munged.pid", $"--seed-file={Munge}/munged.seed");

        var host = Run("hostname", "-s").Trim();
        var (controllerPort, nodePort) = (FreePort(), FreePort());
        File.WriteAllText(Conf, $"""
            ClusterName=segmeasuretest
            SlurmctldHost={host}
            AuthType=auth/munge
            AuthInfo=socket={Munge}/munge.socket
            CredType=cred/munge
            SlurmUser=root
            SlurmdUser=root
            SlurmctldPort={controllerPort}
            SlurmdPort={nodePort}
            StateSaveLocation={_root}/state
            SlurmdSpoolDir={_root}/spool
            SlurmctldPidFile={_root}/run/slurmctld.pid
            SlurmdPidFile={_root}/run/slurmd.pid
            SlurmctldLogFile={_root}/log/slurmctld.log
            SlurmdLogFile={_root}/log/slurmd.log
            ProctrackType=proctrack/linuxproc
            TaskPlugin=task/none
            SelectType=select/cons_tres
            SelectTypeParameters=CR_Core
            MpiDefault=none
            ReturnToService=2
            JobCompType=jobcomp/none
            AccountingStorageType=accounting_storage/none
            NodeName={host} CPUs=2 State=UNKNOWN
            PartitionName=debug Nodes={host} Default=YES MaxTime=INFINITE State=UP

            """);
        Run(Slurmctld, "-f", Conf);
        Run(Slurmd, "-f", Conf);
        var clock = Stopwatch.StartNew();
        while (!Run("sinfo", "-h", "-o", "%t").Contains("idle"))
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60))
                throw new InvalidOperationException($"the Slurm node did not become idle within 60 s: {Log("slurmctld.log")}{Log("slurmd.log")}");
            Thread.Sleep(200);
        }
    }

    /// <summary>Waits until none of <paramref name="jobIds"/> is queued or running.</summary>
    public void WaitFor(IEnumerable<string> jobIds, TimeSpan timeout)
    {
        var ids = string.Join(',', jobIds);
        var clock = Stopwatch.StartNew();
        while (Run("squeue", "-h", "-j", ids).Trim().Length > 0)
        {
            if (clock.Elapsed > timeout) throw new TimeoutException($"Slurm jobs {ids} did not finish within {timeout.TotalSeconds} s");
            Thread.Sleep(250);
        }
    }

    public string Log(string name)
    {
        var path = Path.Combine(_root, "log", name);
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }

    /// <summary>Runs a tool with this cluster's environment; a failure is an exception with its stderr.</summary>
    public string Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.Environment["SLURM_CONF"] = Conf;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)}: exit {process.ExitCode}: {error.Result}");
        return output;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Stops the daemons this cluster started, by their pid files, and removes its folder.</summary>
    public void Dispose()
    {
        foreach (var pidFile in PidFiles)
        {
            if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid)) continue;
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill(); // SIGKILL: the scratch state is thrown away anyway
                process.WaitForExit(10_000);
            }
            catch (ArgumentException)
            {
                // already gone
            }
        }

        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
