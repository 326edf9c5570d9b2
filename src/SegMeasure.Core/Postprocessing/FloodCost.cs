namespace SegMeasure.Core.Postprocessing;

/// <summary>
/// The cost with which a voxel enters the watershed's queue, which is where scikit-image's
/// releases differ: since 0.25.2 the flood never descends (a voxel costs at least what the voxel
/// that reached it cost, so a basin below two seeds is shared between them by age instead of
/// going whole to the seed that spills into it first); up to 0.24 a voxel costs its own value.
/// </summary>
internal enum FloodCost
{
    /// <summary>scikit-image 0.25.2 and later (the current release): at least the cost of the voxel it is reached from.</summary>
    NeverBelowSource,

    /// <summary>scikit-image 0.24 and earlier (Debian packages 0.19): its own value.</summary>
    OwnValue,
}
