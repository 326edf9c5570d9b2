using System.CommandLine;
using SegMeasure.Core;
using SegMeasure.Core.Batch;
using SegMeasure.Core.Tables;
using SegMeasure.Core.Tiff;

namespace SegMeasure.Cli.Sweeps;

/// <summary>
/// Makes a <c>measure</c> or <c>postprocess</c> command work on one file or on a folder sweep.
/// Image options accept paths or glob patterns (<c>*</c>, <c>?</c>, <c>[…]</c>, <c>**</c>); paired
/// options expand to the same count and pair by sorted position. The sweep adds
/// <c>--output-dir</c> (one output per input, named from the input's path below the directory
/// above the first wildcard, so <c>a/seg.tif</c> and <c>b/seg.tif</c> stay apart),
/// <c>--jobs</c> (parallel files, default: processor count) and <c>--force</c> (overwrite).
/// A table command's <c>--output</c> receives one combined table with a leading
/// <c>segmentation</c> column when the input is a sweep, written as a stream in sorted input order
/// (the core's <see cref="CombinedTableWriter"/>), never holding every input's table. A bad file is reported on one stderr
/// line and skipped; the command ends with a summary and exit code 1 when anything failed.
/// Every sweep is also re-runnable and splittable, here in one place for all commands:
/// <c>--skip-existing</c>, <c>--status-log</c>, <c>--shard I/N</c> and <c>--manifest</c> (the core's
/// <see cref="SweepBookkeeper"/>, <see cref="Shard"/> and <see cref="Manifest"/>).
/// </summary>
/// <example>
/// A measure command in a few lines:
/// <code>
/// var command = new Command("intensities", "Per-segment intensity statistics.");
/// var sweep = new FileSweep(command, "Measuring intensities");
/// var segmentation = sweep.AddImages("--segmentation", "Segmentation TIFF file(s) or glob(s).");
/// var intensity = sweep.AddImages("--intensity", "Intensity TIFF file(s) or glob(s), paired with --segmentation.");
/// sweep.MeasureWith((file, ct) => IntensityMeasurement.Measure(
///     ImageFile.ReadLabels(file[segmentation]!), ImageFile.ReadIntensity(file[intensity]!)));
/// </code>
/// A post-processing command writes its own output file:
/// <code>
/// var input = sweep.AddImages("--input", "Input segmentation TIFF file(s) or glob(s).");
/// sweep.TransformWith((file, output, write, ct) =>
///     Summarise(PostprocessFile.FilterSmallSegments(file[input]!, output, file.Value(minSize), write, ct)));
/// </code>
/// </example>
public sealed class FileSweep
{
    private readonly Command _command;
    private readonly string _activity;
    private readonly List<Option<string[]>> _images = [];
    private readonly List<Option<string[]>> _requiredImages = [];
    private readonly Dictionary<Option<string[]>, string> _manifestRoles = [];

    /// <summary>Adds <c>--output</c>/<c>-o</c>, <c>--output-dir</c>, <c>--jobs</c>/<c>-j</c> and <c>--force</c> to <paramref name="command"/>.</summary>
    /// <param name="command">The command to extend.</param>
    /// <param name="activity">What the progress bar says, e.g. "Measuring morphology".</param>
    public FileSweep(Command command, string activity)
    {
        _command = command;
        _activity = activity;
        Output = new Option<string?>("--output", "-o") { Description = "Output file; for several inputs, the combined result." };
        OutputDirectory = new Option<string?>("--output-dir") { Description = "Directory receiving one output per input, named from the input's path below the first wildcard." };
        Jobs = new Option<int>("--jobs", "-j")
        {
            Description = "Number of files processed in parallel (default: number of processors).",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        Jobs.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1) r.AddError("--jobs must be at least 1.");
        });
        Force = Commands.CommonOptions.Force();
        SkipExisting = new Option<bool>("--skip-existing")
        {
            Description = "Re-run: skip inputs whose output is newer than their inputs and was made with the same parameters; replace stale outputs a sweep made. " +
                          "With --output and several inputs, per-input tables are kept in OUTPUT.parts/ so an interrupted run resumes.",
        };
        StatusLog = new Option<string?>("--status-log") { Description = "Append one JSON line per input (file, status, seconds, rows, error) to this file." };
        ManifestOption = new Option<string?>("--manifest")
        {
            Description = "CSV, TSV, XLSX, Parquet or JSON manifest: one row per item with the columns segmentation, nucleus_segmentation, intensity_image " +
                          "(paths relative to the manifest) and any others (plate, well, condition), which are carried into the output rows. Replaces the image options.",
        };
        ShardOption = new Option<string?>("--shard") { Description = "Process only shard I of N (0-based, e.g. 2/8): a contiguous, balanced part of the sorted inputs." };
        command.Add(Output);
        command.Add(OutputDirectory);
        command.Add(Jobs);
        command.Add(Force);
        command.Add(SkipExisting);
        command.Add(StatusLog);
        command.Add(ShardOption);
        command.Add(ManifestOption);
        command.Validators.Add(r =>
        {
            bool hasOutput = r.GetResult(Output) is { Implicit: false };
            bool hasDirectory = r.GetResult(OutputDirectory) is { Implicit: false };
            if (hasOutput && hasDirectory) r.AddError("Give either --output or --output-dir, not both.");
            else if (!hasOutput && !hasDirectory) r.AddError("Option '--output' (or '--output-dir') is required.");
            // Image options are required unless a manifest names the files.
            bool hasManifest = r.GetResult(ManifestOption) is { Implicit: false };
            var given = _images.Where(o => r.GetResult(o) is { Implicit: false }).ToList();
            if (hasManifest && given.Count > 0) r.AddError($"Give either --manifest or {string.Join(", ", given.Select(o => o.Name))}, not both.");
            else if (!hasManifest)
                foreach (var missing in _requiredImages.Where(o => !given.Contains(o))) r.AddError($"Option '{missing.Name}' is required.");
        });
    }

    public Option<string?> Output { get; }
    public Option<string?> OutputDirectory { get; }
    public Option<int> Jobs { get; }
    public Option<bool> Force { get; }
    public Option<bool> SkipExisting { get; }
    public Option<string?> StatusLog { get; }
    public Option<string?> ShardOption { get; }
    public Option<string?> ManifestOption { get; }

    /// <summary>Where a sweep keeps per-input tables for a combined <c>--output</c> when it is re-runnable.</summary>
    public static string PartsDirectoryOf(string output) => output + ".parts";

    /// <summary>
    /// Adds an image option taking one or more paths or glob patterns. The first one added is
    /// the primary input: it decides whether the command is a sweep and names the outputs; the
    /// others are paired with it by sorted position. An optional image option left out yields
    /// null in <see cref="SweepFile"/>.
    /// </summary>
    /// <param name="manifestRole">The manifest column this option's files come from with <c>--manifest</c>
    /// (default: <see cref="ManifestRoleOf"/> of the option's name).</param>
    public Option<string[]> AddImages(string name, string description, bool required = true, string? manifestRole = null, params string[] aliases)
    {
        var option = new Option<string[]>(name, aliases)
        {
            Description = description + " Accepts glob patterns such as \"data/**/cells.tif\" (quote them).",
            AllowMultipleArgumentsPerToken = true,
            Arity = required ? ArgumentArity.OneOrMore : ArgumentArity.ZeroOrMore,
        };
        _command.Add(option);
        _images.Add(option);
        if (required) _requiredImages.Add(option);
        _manifestRoles[option] = manifestRole ?? ManifestRoleOf(name);
        return option;
    }

    /// <summary>
    /// The manifest column of an image option: the primary segmentation options read
    /// <c>segmentation</c>, <c>--nucleus-segmentation</c> reads <c>nucleus_segmentation</c>,
    /// <c>--intensity</c> reads <c>intensity_image</c>; any other option its own name with
    /// underscores (<c>--heatmap</c> → <c>heatmap</c>).
    /// </summary>
    public static string ManifestRoleOf(string optionName) => optionName switch
    {
        "--segmentation" or "--cell-segmentation" or "--input" => Manifest.Segmentation,
        "--nucleus-segmentation" => Manifest.NucleusSegmentation,
        "--intensity" => Manifest.IntensityImage,
        _ => optionName.TrimStart('-').Replace('-', '_'),
    };

    /// <summary>
    /// Sets the command's action for a measurement: <paramref name="measure"/> returns the table
    /// for one input. One input → that table in <c>--output</c>; a sweep → one combined table
    /// in <c>--output</c> (leading <c>segmentation</c> column) or one table per input in
    /// <c>--output-dir</c> (with <paramref name="extension"/>, default <c>.csv</c>).
    /// </summary>
    public void MeasureWith(Func<SweepFile, CancellationToken, MeasurementTable> measure, string extension = ".csv")
    {
        _command.SetAction((parse, cancellationToken) => Task.FromResult(
            Invoke(parse, cancellationToken, (context, set) => RunTables(context, parse, set, measure, extension, cancellationToken))));
    }

    /// <summary>
    /// Sets the command's action for a file-to-file transformation: <paramref name="transform"/>
    /// gets one input, the output path to write (its folder exists) and how to write it: whether
    /// overwriting is allowed and, for an OME-Zarr output, the Zarr version (<c>--zarr-version</c>,
    /// which this adds). One input → <c>--output</c>; a sweep needs <c>--output-dir</c> (outputs
    /// keep the input's extension unless <paramref name="extension"/> is given).
    /// </summary>
    public void TransformWith(Action<SweepFile, string, TiffWriteOptions, CancellationToken> transform, string? extension = null)
    {
        var zarrVersion = new Option<int?>("--zarr-version")
        {
            Description = $"Zarr version of an OME-Zarr output (a path ending in .zarr, or IMAGE.zarr/labels/NAME): 2 (OME-Zarr 0.4) or 3 (0.5). " +
                          $"Default: the image's version for labels beside it, else {TiffWriteOptions.DefaultZarrVersion}.",
        };
        zarrVersion.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is { } v && v is not (2 or 3)) r.AddError($"--zarr-version must be 2 or 3, not {v}.");
        });
        _command.Add(zarrVersion);
        _command.SetAction((parse, cancellationToken) => Task.FromResult(
            Invoke(parse, cancellationToken, (context, set) => RunFiles(context, parse, set,
                (file, output, overwrite, ct) => transform(file, output, new TiffWriteOptions { Overwrite = overwrite, ZarrVersion = parse.GetValue(zarrVersion) }, ct),
                extension, cancellationToken))));
    }

    private int Invoke(ParseResult parse, CancellationToken cancellationToken, Func<CliContext, FileSet, int> body) =>
        CliContext.Execute(context =>
        {
            var set = parse.GetValue(ManifestOption) is { } manifest ? FromManifest(Manifest.Read(manifest))
                : FileSet.Expand(_images.Select(o => (o.Name, (IReadOnlyList<string>)(parse.GetValue(o) ?? []))).ToList());
            if (parse.GetValue(ShardOption) is { } shard) set = set.Select(Shard.Parse(shard));
            try
            {
                return body(context, set);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                context.Error.WriteLine("segmeasure: cancelled");
                return 130;
            }
        });

    /// <summary>The sweep a manifest lists; a role the command requires must be a column of it.</summary>
    private FileSet FromManifest(Manifest manifest)
    {
        foreach (var option in _requiredImages.Skip(1))
            if (!manifest.Has(_manifestRoles[option]))
                throw new SegMeasureException("SegMeasure.InvalidManifest", ErrorKind.InvalidData,
                    $"{manifest.Path}: no '{_manifestRoles[option]}' column, which this command needs for {option.Name}", manifest.Path);
        return FileSet.FromManifest(manifest, _images.Select(o => (o.Name, _manifestRoles[o])).ToList());
    }

    /// <summary>A measurement of one input, with its manifest row's extra columns (plate, well, …) in front.</summary>
    private static Func<SweepFile, CancellationToken, MeasurementTable> WithManifestColumns(FileSet set, Func<SweepFile, CancellationToken, MeasurementTable> measure) =>
        set.Manifest is not { } manifest ? measure
            : (file, ct) => manifest.WithItemColumns(measure(file, ct), set.Groups[file.Position].Item!.Value);

    private int RunTables(CliContext context, ParseResult parse, FileSet set, Func<SweepFile, CancellationToken, MeasurementTable> measure, string extension, CancellationToken cancellationToken)
    {
        bool force = parse.GetValue(Force);
        bool resumable = parse.GetValue(SkipExisting);
        measure = WithManifestColumns(set, measure);
        var directory = parse.GetValue(OutputDirectory);
        if (directory is not null)
        {
            var outputs = set.OutputPaths(directory, extension);
            set.RefuseOutputs(outputs, force, resumable);
            return Report(context, set, Run(context, parse, set, outputs, (file, output, ct) =>
            {
                var table = measure(file, ct);
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output!))!);
                TableFile.Write(output!, table, overwrite: true);
                return table;
            }, (_, output) => ReadBack(output), cancellationToken));
        }

        var combined = parse.GetValue(Output)!;
        set.RefuseOutputs([combined], force, resumable);
        if (set.IsSweep) return RunCombined(context, parse, set, combined, measure, extension, cancellationToken);

        // One input: its table is the output, and with --skip-existing it is kept as it is.
        var result = Run(context, parse, set, resumable ? [combined] : null, (file, output, ct) =>
        {
            var table = measure(file, ct);
            if (output is not null)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
                TableFile.Write(output, table, overwrite: true);
            }

            return table;
        }, (_, output) => ReadBack(output), cancellationToken);
        if (!resumable && result.Succeeded.FirstOrDefault() is { } single) TableFile.Write(combined, single.Result!, force);
        return Report(context, set, result);
    }

    /// <summary>
    /// A sweep into one combined table, written as a stream: each input's table (with its
    /// <c>segmentation</c> column) is appended as soon as every input before it has finished, and
    /// the output is renamed into place at the end, so a failed or cancelled sweep leaves none.
    /// Workers run at most two inputs per job ahead of the next table due, which bounds the tables
    /// held while a slow input holds back later ones. A re-runnable sweep streams through its parts
    /// folder instead (<see cref="RunFromParts"/>).
    /// </summary>
    private int RunCombined(CliContext context, ParseResult parse, FileSet set, string combined,
        Func<SweepFile, CancellationToken, MeasurementTable> measure, string extension, CancellationToken cancellationToken)
    {
        if (parse.GetValue(SkipExisting)) return RunFromParts(context, parse, set, combined, measure, extension, cancellationToken);
        using var writer = new CombinedTableWriter(combined, parse.GetValue(Force));
        var output = new OrderedTableOutput(writer, 2 * parse.GetValue(Jobs));
        SweepResult<SweepFile, WrittenTable> result;
        try
        {
            result = Run(context, parse, set, null, (file, _, ct) =>
            {
                output.WaitForTurn(file.Position, ct);
                MeasurementTable? table = null;
                try
                {
                    table = measure(file, ct);
                    return new WrittenTable(table.RowCount, null);
                }
                finally
                {
                    output.Finish(file.Position, file.Path, table);
                }
            }, (_, _) => throw new InvalidOperationException("nothing is skipped without --skip-existing"), cancellationToken);
        }
        catch (CombinedOutputFailedException)
        {
            output.ThrowIfFailed();
            throw;
        }

        if (writer.TableCount > 0) writer.Commit();
        return Report(context, set, result);
    }

    /// <summary>
    /// A re-runnable sweep into one combined table: each input's table is kept in
    /// <c>OUTPUT.parts/</c> as it finishes, so a killed run loses none and leaves nothing
    /// half-written; the combined table is then joined from the parts, one part in memory at a
    /// time, in sorted order. A part made in this run is read back with the column kinds its
    /// table had (a CSV part alone cannot tell an integer column without values from a double one).
    /// </summary>
    private int RunFromParts(CliContext context, ParseResult parse, FileSet set, string combined,
        Func<SweepFile, CancellationToken, MeasurementTable> measure, string extension, CancellationToken cancellationToken)
    {
        var parts = set.OutputPaths(PartsDirectoryOf(combined), extension);
        set.RefuseOutputs(parts, parse.GetValue(Force), true);
        var result = Run(context, parse, set, parts, (file, part, ct) =>
        {
            var table = measure(file, ct);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(part!))!);
            TableFile.Write(part!, table, overwrite: true);
            return new WrittenTable(table.RowCount, table.Columns.Select(c => (c.Name, c.Kind)).ToList());
        }, (_, part) => new WrittenTable(ReadBack(part).RowCount, null), cancellationToken);

        var finished = result.Succeeded.ToList();
        if (finished.Count > 0)
        {
            OutputFile.RemoveAbandonedTemporaries(combined);
            using var writer = new CombinedTableWriter(combined, overwrite: true);
            foreach (var outcome in finished)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var table = ReadBack(parts[outcome.Input.Position]);
                // A part without rows cannot tell its column kinds: integer, the kind that widens no other.
                var kinds = outcome.Result.Columns ?? (table.RowCount == 0 ? table.Columns.Select(c => (c.Name, ColumnKind.Integer)).ToList() : null);
                writer.Add(outcome.Input.Path, kinds is null ? table : TableConcat.Conform(table, kinds));
            }

            writer.Commit();
            // Stamped, so the next re-run may replace it; it is rebuilt from the parts on every run.
            OutputStamp.Write(combined, set.Groups.SelectMany(g => g.Paths).ToList(), ParameterHash.Of(CommandPath(parse), Settings(parse)));
        }

        return Report(context, set, result);
    }

    /// <summary>What a sweep keeps of an input whose table went into the combined output: its row count and, for a part made in this run, its column kinds.</summary>
    private readonly record struct WrittenTable(int Rows, List<(string Name, ColumnKind Kind)>? Columns);

    /// <summary>The table of an input that was skipped as up to date: read back from its output.</summary>
    private static MeasurementTable ReadBack(string output) => TableFile.Read(output);

    private int RunFiles(CliContext context, ParseResult parse, FileSet set, Action<SweepFile, string, bool, CancellationToken> transform, string? extension, CancellationToken cancellationToken)
    {
        bool force = parse.GetValue(Force);
        bool resumable = parse.GetValue(SkipExisting);
        var directory = parse.GetValue(OutputDirectory);
        IReadOnlyList<string> outputs;
        if (directory is not null) outputs = set.OutputPaths(directory, extension);
        else if (set.IsSweep)
            throw new SegMeasureException("SegMeasure.OutputDirRequired", ErrorKind.InvalidArgument,
                $"{_images[0].Name} names several inputs (or a pattern): give --output-dir to receive one output per input");
        else outputs = [parse.GetValue(Output)!];

        set.RefuseOutputs(outputs, force, resumable);

        return Report(context, set, Run(context, parse, set, outputs, (file, output, ct) =>
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output!))!);
            transform(file, output!, force || resumable, ct);
            return output!;
        }, (_, output) => output, cancellationToken));
    }

    /// <summary>
    /// Runs the sweep through the core's <see cref="SweepRunner"/> and <see cref="SweepBookkeeper"/>:
    /// every input is logged (<c>--status-log</c>), every output in <paramref name="outputs"/> is
    /// stamped, and with <c>--skip-existing</c> an up-to-date output is not made again
    /// (<paramref name="skipped"/> gives its result instead).
    /// </summary>
    private SweepResult<SweepFile, T> Run<T>(CliContext context, ParseResult parse, FileSet set, IReadOnlyList<string>? outputs,
        Func<SweepFile, string?, CancellationToken, T> work, Func<SweepFile, string, T> skipped, CancellationToken cancellationToken)
    {
        var files = set.Groups.Select((g, i) => new SweepFile(g, i, _images, parse)).ToList();
        var settings = Settings(parse);
        var command = CommandPath(parse);
        using var bookkeeper = new SweepBookkeeper(parse.GetValue(SkipExisting), parse.GetValue(StatusLog));
        return SweepRunner.Run(files, (file, ct) =>
        {
            var output = outputs?[file.Position];
            // An edited manifest (extra columns) makes its items' outputs stale too.
            IReadOnlyList<string?> inputs = set.Manifest is { } manifest ? [.. set.Groups[file.Position].Paths, manifest.Path] : set.Groups[file.Position].Paths;
            var hash = ParameterHash.Of(command, settings.Concat(_images.Select((o, k) => KeyValuePair.Create(o.Name, inputs[k] ?? ""))));
            if (output is not null && bookkeeper.TrySkip(file.Path, output, inputs, hash)) return skipped(file, output);
            return bookkeeper.Run(file.Path, output, inputs, hash, () => work(file, output, ct), RowsOf);
        }, parse.GetValue(Jobs), context.CreateProgress(), _activity, cancellationToken);
    }

    private static long? RowsOf<T>(T result) => result switch
    {
        MeasurementTable table => table.RowCount,
        WrittenTable written => written.Rows,
        _ => null,
    };

    /// <summary>The settings that shape an output: every option of the command except where outputs go, how the sweep runs
    /// (the memory limit included), and the inputs themselves.</summary>
    private List<KeyValuePair<string, string>> Settings(ParseResult parse)
    {
        var control = new HashSet<Option>([Output, OutputDirectory, Jobs, Force, SkipExisting, StatusLog, ShardOption, .. _images]);
        var settings = new List<KeyValuePair<string, string>>();
        foreach (var option in _command.Options)
        {
            if (control.Contains(option) || option is System.CommandLine.Help.HelpOption or VersionOption) continue;
            if (option.Name == "--memory-limit") continue; // decides how an output is computed (band by band, or refused), never what it holds
            var result = parse.GetResult(option);
            var value = result is null || result.Implicit ? "(default)" : string.Join("\u001f", result.Tokens.Select(t => t.Value));
            settings.Add(KeyValuePair.Create(option.Name, value));
        }

        return settings;
    }

    private string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
            names.Insert(0, result.Command.Name);
        return string.Join(' ', names.Skip(1));
    }

    /// <summary>One stderr line per failed input, a summary for sweeps; exit code 1 when anything failed.</summary>
    private static int Report<T>(CliContext context, FileSet set, SweepResult<SweepFile, T> result)
    {
        foreach (var failed in result.Failed)
        {
            var message = failed.Error!.Message;
            context.Error.WriteLine(message.Contains(failed.Input.Path, StringComparison.Ordinal)
                ? $"segmeasure: {message}"
                : $"segmeasure: {failed.Input.Path}: {message}");
        }

        int total = result.Outcomes.Count;
        if (set.IsSweep)
            context.Error.WriteLine(result.FailureCount == 0
                ? $"segmeasure: {total} of {total} files processed"
                : $"segmeasure: {total - result.FailureCount} of {total} files processed, {result.FailureCount} failed");
        return result.FailureCount == 0 ? 0 : 1;
    }
}
