namespace SegMeasure.Core.Batch;

/// <summary>
/// The inputs of a sweep: one or more roles (segmentation, intensity, nucleus segmentation …),
/// each given as paths or patterns, expanded and paired by sorted position — the n-th
/// segmentation goes with the n-th intensity image, as the Python tool's <c>open</c> command
/// pairs files. The first role is the primary one: it names the outputs.
/// </summary>
public sealed class FileSet
{
    private FileSet(IReadOnlyList<string> roles, IReadOnlyList<FileGroup> groups, bool isSweep)
    {
        Roles = roles;
        Groups = groups;
        IsSweep = isSweep;
    }

    /// <summary>The role names in the order given, e.g. <c>--segmentation</c>, <c>--intensity</c>.</summary>
    public IReadOnlyList<string> Roles { get; }

    /// <summary>One entry per primary file, in sorted order, with its paired files.</summary>
    public IReadOnlyList<FileGroup> Groups { get; }

    /// <summary>
    /// True when the primary role was given as a pattern or as several paths: the caller asked
    /// for a folder sweep, even if it matched one file. Decided from the request, never from what
    /// the disk holds, so the shape of the output does not change with the number of matches.
    /// </summary>
    public bool IsSweep { get; }

    /// <summary>
    /// Expands every role and pairs them by position. A role with no patterns is absent (its
    /// paths are null). Counts that differ are an error listing both file lists.
    /// </summary>
    public static FileSet Expand(IReadOnlyList<(string Role, IReadOnlyList<string> Patterns)> roles, string? baseDirectory = null)
    {
        if (roles.Count == 0 || roles[0].Patterns.Count == 0)
            throw new SegMeasureException("SegMeasure.NoInput", ErrorKind.InvalidArgument, roles.Count == 0 ? "no inputs given" : $"{roles[0].Role}: no input given");

        var expanded = roles.Select(r => r.Patterns.Count == 0 ? null : FileGlob.ExpandAll(r.Patterns, baseDirectory)).ToList();
        var primary = expanded[0]!;
        for (int k = 1; k < roles.Count; k++)
        {
            var other = expanded[k];
            if (other is null || other.Count == primary.Count) continue;
            throw new SegMeasureException("SegMeasure.PairingMismatch", ErrorKind.InvalidArgument,
                $"{roles[k].Role} expands to {other.Count} file(s) but {roles[0].Role} to {primary.Count}; they are paired by sorted position and must match " +
                $"({roles[0].Role}: {Describe(primary)}; {roles[k].Role}: {Describe(other)})");
        }

        var groups = new List<FileGroup>(primary.Count);
        for (int i = 0; i < primary.Count; i++)
            groups.Add(new FileGroup(primary[i].Path, primary[i].RelativeName, expanded.Select(e => e?[i].Path).ToArray()));

        bool isSweep = roles[0].Patterns.Count > 1 || roles[0].Patterns.Any(FileGlob.HasWildcards);
        return new FileSet(roles.Select(r => r.Role).ToList(), groups, isSweep);
    }

    /// <summary>
    /// The items of <paramref name="manifest"/> in its row order, each role taken from the
    /// manifest column <paramref name="roles"/> maps it to (absent columns give null paths).
    /// Outputs are named from the segmentation as the manifest writes it. Always a sweep.
    /// </summary>
    public static FileSet FromManifest(Manifest manifest, IReadOnlyList<(string Role, string ManifestColumn)> roles)
    {
        var groups = new List<FileGroup>(manifest.Count);
        for (int i = 0; i < manifest.Count; i++)
        {
            var spelled = manifest.Spelled(roles[0].ManifestColumn, i)
                ?? throw new SegMeasureException("SegMeasure.InvalidManifest", ErrorKind.InvalidData, $"{manifest.Path}: row {i + 1} has no {roles[0].ManifestColumn}", manifest.Path);
            // Named below the output folder as written, unless that would climb out of it.
            var relative = Path.IsPathRooted(spelled) || spelled.StartsWith("..", StringComparison.Ordinal) ? Path.GetFileName(spelled) : spelled.Replace('\\', '/');
            groups.Add(new FileGroup(spelled, relative, roles.Select(r => manifest.Resolved(r.ManifestColumn, i)).ToArray()) { Item = i });
        }

        return new FileSet(roles.Select(r => r.Role).ToList(), groups, isSweep: true) { Manifest = manifest };
    }

    /// <summary>The manifest the items came from, or null for patterns paired by position.</summary>
    public Manifest? Manifest { get; private init; }

    /// <summary>
    /// This sweep cut down to <paramref name="shard"/>: a contiguous, balanced run of the sorted
    /// groups (see <see cref="Shard"/>). A sharded set is always a sweep, so every shard's output
    /// has the same shape, even a shard of one file or none.
    /// </summary>
    public FileSet Select(Shard shard) =>
        shard.Count == 1 ? this : new FileSet(Roles, shard.Select(Groups), isSweep: true) { Manifest = Manifest };

    /// <summary>
    /// Checks every output of the sweep before any work, so a refused sweep changes nothing: no
    /// output may be one of the inputs, and none may exist unless <paramref name="overwrite"/>.
    /// With <paramref name="replaceStamped"/> (a re-runnable sweep), an output that a sweep made
    /// (it has an <see cref="OutputStamp"/>) may be replaced when it is out of date.
    /// </summary>
    public void RefuseOutputs(IReadOnlyList<string> outputs, bool overwrite, bool replaceStamped = false)
    {
        var inputs = Groups.SelectMany(g => g.Paths).OfType<string>().Select(Path.GetFullPath).ToHashSet();
        foreach (var output in outputs)
            if (inputs.Contains(Path.GetFullPath(output)))
                throw new SegMeasureException("SegMeasure.OutputIsInput", ErrorKind.InvalidArgument, $"{output}: the output would overwrite an input file", output);
        OutputFile.RefuseExisting(overwrite, [.. outputs.Where(o => !(replaceStamped && File.Exists(OutputStamp.SidecarOf(o))))]);
    }

    /// <summary>
    /// The output path of each group inside <paramref name="outputDirectory"/>: the primary
    /// file's name relative to its pattern's root, with <paramref name="extension"/> when given.
    /// Two inputs landing on the same output are an error naming both.
    /// </summary>
    public IReadOnlyList<string> OutputPaths(string outputDirectory, string? extension = null)
    {
        var outputs = Groups.Select(g => OutputNaming.InDirectory(g.RelativeName, outputDirectory, extension)).ToList();
        var seen = new Dictionary<string, int>(OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        for (int i = 0; i < outputs.Count; i++)
        {
            var full = Path.GetFullPath(outputs[i]);
            if (seen.TryGetValue(full, out var j))
                throw new SegMeasureException("SegMeasure.OutputCollision", ErrorKind.InvalidArgument,
                    $"{Groups[j].Path} and {Groups[i].Path} would both be written to {outputs[i]}; use one pattern with a common root (e.g. \"data/**/seg.tif\") so their folders tell them apart", outputs[i]);
            seen[full] = i;
        }

        return outputs;
    }

    private static string Describe(IReadOnlyList<GlobMatch> files) =>
        files.Count == 0 ? "(none)" : string.Join(", ", files.Select(f => f.Path));
}

/// <summary>One unit of work in a sweep: the primary file, its name relative to its pattern's
/// root, and the path of every role in <see cref="FileSet.Roles"/> order (null for an absent role).</summary>
public sealed record FileGroup(string Path, string RelativeName, IReadOnlyList<string?> Paths)
{
    /// <summary>The manifest row of this group, when the sweep came from a manifest.</summary>
    public int? Item { get; init; }
}
