using System.CommandLine;

namespace SegMeasure.Cli.Commands;

/// <summary>Options several commands share, defined once so they read and parse alike.</summary>
internal static class CommonOptions
{
    /// <summary><c>--scale</c> as the reference tool takes it: one value, (Y X) or (Z Y X).</summary>
    public static Option<double[]> Scale() => new("--scale")
    {
        Description = "Physical pixel/voxel size: one value, or (Y X) for 2D, (Z Y X) for 3D. Default: the voxel size stored in the file, else 1.0.",
        AllowMultipleArgumentsPerToken = true,
        Arity = ArgumentArity.OneOrMore,
    };

    /// <summary><c>--force</c>: outputs are never overwritten without it.</summary>
    public static Option<bool> Force() => new("--force") { Description = "Overwrite existing output files." };
}
