using ScottPlot;
using SegMeasure.Core.Colocalization;

namespace SegMeasure.Plots;

/// <summary>
/// The colocalization pictures people look at rather than read: the cytofluorogram with Costes'
/// regression line and thresholds, the Van Steensel CCF, Li's ICA scatter plots, and the
/// randomization null histogram with the observed PCC. Each is written as a PNG.
/// </summary>
public static class ColocalizationCharts
{
    private const int Width = 800, Height = 600;

    /// <summary>Channel B against channel A per pixel, with the regression line and the two thresholds when finite.</summary>
    public static byte[] Cytofluorogram(IReadOnlyList<double> a, IReadOnlyList<double> b, CostesRegression line, double thresholdA, double thresholdB,
        string nameA = "A", string nameB = "B")
    {
        var plot = new Plot();
        var points = plot.Add.ScatterPoints(a.ToArray(), b.ToArray());
        points.MarkerSize = 2;
        if (double.IsFinite(line.Slope) && a.Count > 0)
        {
            double lo = a.Min(), hi = a.Max();
            var fit = plot.Add.Line(lo, line.Slope * lo + line.Intercept, hi, line.Slope * hi + line.Intercept);
            fit.LegendText = "orthogonal regression";
        }

        if (double.IsFinite(thresholdA)) plot.Add.VerticalLine(thresholdA).LegendText = $"threshold {nameA}";
        if (double.IsFinite(thresholdB)) plot.Add.HorizontalLine(thresholdB).LegendText = $"threshold {nameB}";
        plot.XLabel(nameA);
        plot.YLabel(nameB);
        plot.Title("Cytofluorogram");
        return Png(plot);
    }

    /// <summary>PCC against shift, with the peak marked.</summary>
    public static byte[] CrossCorrelation(CrossCorrelationResult result)
    {
        var plot = new Plot();
        var finite = result.Shifts.Select((s, i) => (s, v: result.Values[i])).Where(p => double.IsFinite(p.v)).ToArray();
        plot.Add.Scatter(finite.Select(p => (double)p.s).ToArray(), finite.Select(p => p.v).ToArray());
        if (result.PeakShift is { } peak) plot.Add.VerticalLine(peak).LegendText = $"peak at {peak}";
        plot.XLabel("shift of B (pixels)");
        plot.YLabel("Pearson's r");
        plot.Title("Van Steensel cross-correlation function");
        return Png(plot);
    }

    /// <summary>Both ICA panels in one picture: each channel's intensity against the product of deviations.</summary>
    public static byte[] IntensityCorrelation(IntensityCorrelationResult result)
    {
        var plot = new Plot();
        var products = result.Products.ToArray();
        var a = plot.Add.ScatterPoints(products, result.A.ToArray());
        a.LegendText = "channel A";
        a.MarkerSize = 2;
        var b = plot.Add.ScatterPoints(products, result.B.ToArray());
        b.LegendText = "channel B";
        b.MarkerSize = 2;
        plot.Add.VerticalLine(0);
        plot.XLabel("(a - mean a)(b - mean b)");
        plot.YLabel("intensity");
        plot.Title(FormattableString.Invariant($"Li's ICA (ICQ = {result.Icq:G4})"));
        return Png(plot);
    }

    /// <summary>A histogram of the null PCCs with the observed PCC as a vertical line.</summary>
    public static byte[] Randomization(RandomizationResult result, int bins = 30)
    {
        var plot = new Plot();
        var values = result.Null.Where(double.IsFinite).ToArray();
        if (values.Length > 0)
        {
            double lo = values.Min(), hi = values.Max();
            if (hi == lo) hi = lo + 1e-9;
            double width = (hi - lo) / bins;
            var counts = new double[bins];
            foreach (var v in values) counts[Math.Min(bins - 1, (int)((v - lo) / width))]++;
            var centres = Enumerable.Range(0, bins).Select(i => lo + (i + 0.5) * width).ToArray();
            var bars = plot.Add.Bars(centres, counts);
            foreach (var bar in bars.Bars) bar.Size = width;
        }

        if (double.IsFinite(result.Observed)) plot.Add.VerticalLine(result.Observed).LegendText = "observed";
        plot.XLabel("Pearson's r of scrambled B");
        plot.YLabel("count");
        plot.Title(FormattableString.Invariant($"Costes randomization (p = {result.PValue:G3})"));
        return Png(plot);
    }

    /// <summary>The chart as PNG bytes; the caller writes them through the core's OutputFile.</summary>
    private static byte[] Png(Plot plot)
    {
        plot.ShowLegend();
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }
}
