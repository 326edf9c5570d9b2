namespace SegMeasure.Viewer;

/// <summary>How the files of one call are shown: as a named group (the spec's default
/// <c>opened_files</c>), and side by side in a grid unless <see cref="Grid"/> is off.</summary>
public sealed record ViewerOptions
{
    public const string DefaultGroupName = "opened_files";

    public string GroupName { get; init; } = DefaultGroupName;

    /// <summary>False with <c>--no-group</c>: members are independent, analysis runs on the shown member only.</summary>
    public bool Group { get; init; } = true;

    /// <summary>False with <c>--no-grid</c>: one member at a time.</summary>
    public bool Grid { get; init; } = true;

    /// <summary>The bound on the server's cache of encoded tiles, in bytes.</summary>
    public long TileCacheBytes { get; init; } = TileCache.DefaultCapacityBytes;
}
