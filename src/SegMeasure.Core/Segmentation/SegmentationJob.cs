namespace SegMeasure.Core.Segmentation;

/// <summary>One input and the files it will produce.</summary>
public sealed record SegmentationJob(string Input, string MaskPath, string LogPath)
{
    /// <summary>Where the Cellpose flows go when they are saved; null otherwise.</summary>
    public string? FlowsPath { get; init; }
}

/// <summary>What one segmented input produced.</summary>
public sealed record SegmentationResult(
    string Input,
    string MaskPath,
    string LogPath,
    IReadOnlyList<int> ObjectsPerFrame,
    double Seconds,
    IReadOnlyList<string> Warnings);
