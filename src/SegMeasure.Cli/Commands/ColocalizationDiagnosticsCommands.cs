using SegMeasure.Core;
using SegMeasure.Plots;
using System.CommandLine;
using SegMeasure.Core.Colocalization;
using SegMeasure.Core.Tables;

namespace SegMeasure.Cli.Commands;

/// <summary>
/// <c>segmeasure analyze coloc-diagnostics randomization|ccf|ica</c>: the curve or distribution
/// behind a colocalization diagnostic, written as a table (and, with <c>--plot</c>, as a PNG).
/// </summary>
public static class ColocalizationDiagnosticsCommands
{
    public static Command Create()
    {
        var command = new Command("coloc-diagnostics", "Colocalization diagnostics: Costes randomization, Van Steensel CCF, Li's ICA, cytofluorogram.");
        command.Add(Randomization());
        command.Add(CrossCorrelation());
        command.Add(IntensityCorrelation());
        command.Add(CytofluorogramCommand());
        return command;
    }

    private sealed record Common(Option<string> ImageA, Option<string> ImageB, Option<string?> Mask, Option<string> Output, Option<string?> Plot, Option<bool> Force);

    private static Common AddCommon(Command command)
    {
        var common = new Common(
            new Option<string>("--image-a") { Description = "Channel A intensity TIFF.", Required = true },
            new Option<string>("--image-b") { Description = "Channel B intensity TIFF of the same shape.", Required = true },
            new Option<string?>("--mask") { Description = "Optional mask (non-zero = region analysed)." },
            new Option<string>("--output", "-o") { Description = "Output table (CSV, TSV or XLSX).", Required = true },
            new Option<string?>("--plot") { Description = "Also draw the diagnostic as a PNG." },
            CommonOptions.Force());
        command.Add(common.ImageA);
        command.Add(common.ImageB);
        command.Add(common.Mask);
        command.Add(common.Output);
        command.Add(common.Plot);
        command.Add(common.Force);
        return common;
    }

    private static void Write(ParseResult parse, Common common, MeasurementTable table, Func<byte[]>? plot)
    {
        bool force = parse.GetValue(common.Force);
        var output = parse.GetValue(common.Output)!;
        var plotPath = parse.GetValue(common.Plot);
        OutputFile.RefuseExisting(force, output, plotPath);
        TableFile.Write(output, table, force);
        if (plotPath is not null && plot is not null)
        {
            var png = plot();
            OutputFile.Write(plotPath, force, stream => stream.Write(png), "the plot");
        }
    }

    private static Command Randomization()
    {
        var defaults = new RandomizationOptions();
        var command = new Command("randomization", "Costes' randomization test: PCC of block-scrambled B as a null distribution (table: iteration, null_pcc, observed, p_value, z_score).");
        var common = AddCommon(command);
        var iterations = new Option<int>("--n-iter") { Description = "Number of scrambles.", DefaultValueFactory = _ => defaults.Iterations };
        var block = new Option<int>("--block-size") { Description = "Side of the scrambled blocks in pixels (about the PSF width).", DefaultValueFactory = _ => defaults.BlockSize };
        var seed = new Option<int?>("--seed") { Description = "Random seed, for reproducible runs." };
        command.Add(iterations);
        command.Add(block);
        command.Add(seed);
        command.SetAction((parse, ct) => Task.FromResult(CliContext.Execute(context =>
        {
            var options = defaults with { Iterations = parse.GetValue(iterations), BlockSize = parse.GetValue(block), Seed = parse.GetValue(seed) };
            var result = ColocalizationFiles.Randomization(parse.GetValue(common.ImageA)!, parse.GetValue(common.ImageB)!, parse.GetValue(common.Mask), options, ct);
            Write(parse, common, DiagnosticTables.Of(result), () => ColocalizationCharts.Randomization(result));
            context.Output.WriteLine(FormattableString.Invariant($"observed PCC {result.Observed:G6}, p = {result.PValue:G4}, z = {result.ZScore:G4}"));
            return 0;
        })));
        return command;
    }

    private static Command CrossCorrelation()
    {
        var command = new Command("ccf", "Van Steensel's cross-correlation function: PCC at every shift of B (table: shift, pcc, peak_shift).");
        var common = AddCommon(command);
        var maxShift = new Option<int>("--max-shift") { Description = "Largest shift in pixels, each way.", DefaultValueFactory = _ => CrossCorrelationFunction.DefaultMaxShift };
        var axis = new Option<int>("--axis") { Description = "Axis of the shift (numpy order; -1 = X).", DefaultValueFactory = _ => CrossCorrelationFunction.DefaultAxis };
        command.Add(maxShift);
        command.Add(axis);
        command.SetAction(parse => CliContext.Execute(context =>
        {
            var result = ColocalizationFiles.CrossCorrelation(parse.GetValue(common.ImageA)!, parse.GetValue(common.ImageB)!, parse.GetValue(common.Mask),
                parse.GetValue(maxShift), parse.GetValue(axis));
            Write(parse, common, DiagnosticTables.Of(result), () => ColocalizationCharts.CrossCorrelation(result));
            context.Output.WriteLine(result.PeakShift is { } peak
                ? FormattableString.Invariant($"peak PCC {result.PeakValue:G6} at shift {peak}")
                : "no shift gives a defined PCC");
            return 0;
        }));
        return command;
    }

    private static Command IntensityCorrelation()
    {
        var command = new Command("ica", "Li's intensity correlation analysis: each pixel's intensities and (a - mean a)(b - mean b) (table: a, b, product, icq).");
        var common = AddCommon(command);
        command.SetAction(parse => CliContext.Execute(context =>
        {
            var result = ColocalizationFiles.IntensityCorrelation(parse.GetValue(common.ImageA)!, parse.GetValue(common.ImageB)!, parse.GetValue(common.Mask));
            Write(parse, common, DiagnosticTables.Of(result), () => ColocalizationCharts.IntensityCorrelation(result));
            context.Output.WriteLine(FormattableString.Invariant($"ICQ {result.Icq:G6}"));
            return 0;
        }));
        return command;
    }

    private static Command CytofluorogramCommand()
    {
        var defaults = new ColocalizationOptions();
        var command = new Command("cytofluorogram", "Pixel pairs of the region with Costes' regression line and the thresholds (table: n_pixels, slope, intercept, threshold_a, threshold_b).");
        var common = AddCommon(command);
        var method = ColocalizationCommands.ThresholdMethodOption(ColocalizationThresholdMethods.NameOf(defaults.ThresholdMethod),
            Enum.GetValues<ColocalizationThresholdMethod>().Select(ColocalizationThresholdMethods.NameOf));
        var thresholdA = new Option<double?>("--threshold-a") { Description = "Channel A threshold for --threshold-method manual." };
        var thresholdB = new Option<double?>("--threshold-b") { Description = "Channel B threshold for --threshold-method manual." };
        command.Add(method);
        command.Add(thresholdA);
        command.Add(thresholdB);
        command.SetAction(parse => CliContext.Execute(context =>
        {
            var options = defaults with
            {
                ThresholdMethod = ColocalizationThresholdMethods.Parse(parse.GetValue(method)!),
                ThresholdA = parse.GetValue(thresholdA),
                ThresholdB = parse.GetValue(thresholdB),
            };
            var result = ColocalizationFiles.Cytofluorogram(parse.GetValue(common.ImageA)!, parse.GetValue(common.ImageB)!, parse.GetValue(common.Mask), options);
            Write(parse, common, result.ToTable(), () => ColocalizationCharts.Cytofluorogram(result.A, result.B, result.Line, result.ThresholdA, result.ThresholdB));
            context.Output.WriteLine(FormattableString.Invariant($"slope {result.Line.Slope:G6}, thresholds {result.ThresholdA:G6} / {result.ThresholdB:G6}"));
            return 0;
        }));
        return command;
    }
}
