namespace SegMeasure.Core.Batch.Cluster;

/// <summary>
/// The arguments of one <c>segmeasure</c> sweep command, as a cluster job rewrites them per shard:
/// where its combined table (<c>--output</c>/<c>-o</c>) or per-input outputs (<c>--output-dir</c>)
/// go, its status log, and whether it forces, resumes or sets its parallelism.
/// </summary>
public sealed class SweepCommandLine
{
    private static readonly string[] OutputNames = ["--output", "-o"];

    private SweepCommandLine(IReadOnlyList<string> arguments) => Arguments = arguments;

    /// <summary>The arguments without <c>--output</c> and <c>--status-log</c> (a task sets its own).</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>The combined table, when the sweep writes one.</summary>
    public string? Output { get; private init; }

    /// <summary>The folder of per-input outputs, when the sweep writes one per input.</summary>
    public string? OutputDirectory { get; private init; }

    /// <summary>The status log the user asked for: the merge job writes the joined shard logs there.</summary>
    public string? StatusLog { get; private init; }

    public bool Force { get; private init; }
    public bool SkipExisting { get; private init; }
    public bool SetsJobs { get; private init; }

    /// <summary>Reads a sweep command's arguments; a command without an output, or one already sharded, is an error.</summary>
    public static SweepCommandLine Parse(IReadOnlyList<string> arguments)
    {
        if (arguments.Count == 0)
            throw Invalid("no sweep command given after '--' (e.g. -- measure morphology --segmentation 'plate*/*.tif' --output plate.csv)");
        var kept = new List<string>();
        string? output = null, directory = null, statusLog = null;
        bool force = false, skip = false, jobs = false;
        for (int i = 0; i < arguments.Count; i++)
        {
            var (name, inline) = Split(arguments[i]);
            string Value()
            {
                if (inline is not null) return inline;
                if (i + 1 >= arguments.Count) throw Invalid($"{name} needs a value");
                return arguments[++i];
            }

            if (OutputNames.Contains(name)) { output = Value(); continue; }
            if (name == "--status-log") { statusLog = Value(); continue; }
            if (name == "--shard") throw Invalid("the sweep command must not give --shard: the cluster job sets it per array task");
            if (name == "--output-dir")
            {
                directory = Value();
                kept.AddRange(["--output-dir", directory]);
                continue;
            }

            force |= name == "--force";
            skip |= name == "--skip-existing";
            jobs |= name is "--jobs" or "-j";
            kept.Add(arguments[i]);
        }

        if (output is null && directory is null)
            throw Invalid("the sweep command needs --output (one combined table) or --output-dir (one output per input)");
        return new SweepCommandLine(kept)
        {
            Output = output, OutputDirectory = directory, StatusLog = statusLog, Force = force, SkipExisting = skip, SetsJobs = jobs,
        };

        static (string Name, string? Inline) Split(string argument)
        {
            int equals = argument.StartsWith("--", StringComparison.Ordinal) ? argument.IndexOf('=') : -1;
            return equals < 0 ? (argument, null) : (argument[..equals], argument[(equals + 1)..]);
        }
    }

    private static SegMeasureException Invalid(string message) =>
        new("SegMeasure.InvalidClusterCommand", ErrorKind.InvalidArgument, message);
}
