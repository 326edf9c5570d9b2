using SegMeasure.Core.Colocalization;

namespace SegMeasure.Cli.Commands;

/// <summary>Where the CLI draws diagnostics; the drawing itself lives in SegMeasure.Plots.</summary>
internal static class ColocalizationPlots
{
    public static void Randomization(RandomizationResult result, string path) => Plots.ColocalizationCharts.Randomization(result, path);

    public static void CrossCorrelation(CrossCorrelationResult result, string path) => Plots.ColocalizationCharts.CrossCorrelation(result, path);

    public static void Cytofluorogram(CytofluorogramResult result, string path) =>
        Plots.ColocalizationCharts.Cytofluorogram(result.A, result.B, result.Line, result.ThresholdA, result.ThresholdB, path);

    public static void IntensityCorrelation(IntensityCorrelationResult result, string path) => Plots.ColocalizationCharts.IntensityCorrelation(result, path);
}
