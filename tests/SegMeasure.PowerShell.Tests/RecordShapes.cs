namespace SegMeasure.PowerShell.Tests;

/// <summary>
/// The properties the objects of each emitted type name carry: the table's columns under the
/// spec's names, then Path and the paired paths the cmdlet adds. Format views and type data may
/// name only these.
/// </summary>
public static class RecordShapes
{
    private static readonly string[] Stats = ["mean", "median", "max", "min", "percentile_10", "percentile_25", "percentile_75", "percentile_90"];

    public static readonly IReadOnlyDictionary<string, IReadOnlySet<string>> ByTypeName = new Dictionary<string, IReadOnlySet<string>>
    {
        ["SegMeasure.Intensity"] = Set(
            "index", "mean_intensity", "median_intensity", "max_intensity", "min_intensity", "std_intensity",
            "percentile_10", "percentile_25", "percentile_75", "percentile_90", "Path", "IntensityPath"),
        ["SegMeasure.Morphology"] = Set(
            "index", "area", "perimeter", "volume", "surface_area", "sphericity", "solidity",
            "axis_major_length", "axis_minor_length", "equivalent_diameter", "Path"),
        ["SegMeasure.CellNucleus"] = Set(
            new[] { "index", "n_nuclei", "cell_area", "nucleus_area", "area_ratio", "cell_volume", "nucleus_volume", "volume_ratio", "Path", "NucleusPath", "IntensityPath" }
                .Concat(Stats.SelectMany(s => new[] { $"cell_{s}_intensity", $"nucleus_{s}_intensity", $"{s}_intensity_ratio" }))
                .ToArray()),
        ["SegMeasure.ImageInfo"] = PropertiesOf(typeof(SegMeasure.Core.Images.ImageInfo)),
    };

    /// <summary>Objects that wrap a core result type show its public properties.</summary>
    private static IReadOnlySet<string> PropertiesOf(Type type) => Set(type.GetProperties().Select(p => p.Name).ToArray());

    private static IReadOnlySet<string> Set(params string[] names) => names.ToHashSet(StringComparer.Ordinal);
}
