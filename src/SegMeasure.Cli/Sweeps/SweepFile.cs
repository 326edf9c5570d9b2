using System.CommandLine;
using SegMeasure.Core.Batch;

namespace SegMeasure.Cli.Sweeps;

/// <summary>
/// One input of a <see cref="FileSweep"/>: the primary file and the files paired with it.
/// Index it with the option returned by <see cref="FileSweep.AddImages"/>:
/// <c>file[intensity]</c> is the intensity image paired with this segmentation, or null when
/// that optional option was not given.
/// </summary>
public sealed class SweepFile
{
    private readonly FileGroup _group;
    private readonly IReadOnlyList<Option<string[]>> _roles;
    private readonly ParseResult _parse;

    internal SweepFile(FileGroup group, int position, IReadOnlyList<Option<string[]>> roles, ParseResult parse)
    {
        _group = group;
        Position = position;
        _roles = roles;
        _parse = parse;
    }

    /// <summary>The value the invocation gave <paramref name="option"/>; per-file work reads its settings here.</summary>
    public T? Value<T>(Option<T> option) => _parse.GetValue(option);

    /// <summary>The primary input's path, spelled as the pattern was.</summary>
    public string Path => _group.Path;

    /// <summary>The primary input's path relative to the directory above its pattern's first wildcard.</summary>
    public string RelativeName => _group.RelativeName;

    /// <summary>Position of this input in the sorted sweep (0-based).</summary>
    public int Position { get; }

    /// <summary>The path given for <paramref name="role"/> paired with this input, or null when the option was left out.</summary>
    public string? this[Option<string[]> role]
    {
        get
        {
            int i = -1;
            for (int k = 0; k < _roles.Count; k++) if (ReferenceEquals(_roles[k], role)) i = k;
            if (i < 0) throw new ArgumentException($"option {role.Name} was not added to this sweep with AddImages", nameof(role));
            return _group.Paths[i];
        }
    }

    public override string ToString() => Path;
}
