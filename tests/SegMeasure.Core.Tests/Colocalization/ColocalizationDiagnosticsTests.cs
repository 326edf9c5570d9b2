using System.Globalization;
using System.Text.Json;
using SegMeasure.Core.Colocalization;
using SegMeasure.Core.Images;

namespace SegMeasure.Core.Tests.Colocalization;

/// <summary>
/// The diagnostics and the object table against diagnostics.json, ica_*.csv and objects_*.csv of
/// the reference generator. Deterministic outputs match within 1e-9 relative; the randomization
/// test draws other random numbers, so its null distribution is compared by its moments and
/// quantiles (tolerances in <see cref="Randomization_matches_the_reference_distribution"/>).
/// </summary>
public class ColocalizationDiagnosticsTests
{
    private static JsonElement Diagnostics(string kind) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(ColocalizationReference.Directory, "diagnostics.json"))).RootElement.GetProperty(kind).Clone();

    private static IntensityImage Intensity(JsonElement c, string key) => ImageFile.ReadIntensity(ColocalizationReference.InRepository(c.GetProperty(key).GetString()!));

    private static LabelImage? Mask(JsonElement c) =>
        c.GetProperty("mask").ValueKind == JsonValueKind.String ? ImageFile.ReadLabels(ColocalizationReference.InRepository(c.GetProperty("mask").GetString()!)) : null;

    private static double NumberOrNaN(JsonElement e) => e.ValueKind == JsonValueKind.Number ? e.GetDouble() : double.NaN;

    public static TheoryData<int> CcfCases() => new() { 0, 1, 2 };

    [Theory]
    [MemberData(nameof(CcfCases))]
    public void Cross_correlation_function_matches_the_reference(int index)
    {
        var c = Diagnostics("ccf")[index];
        var result = CrossCorrelationFunction.Compute(Intensity(c, "a"), Intensity(c, "b"), Mask(c), c.GetProperty("max_shift").GetInt32(), c.GetProperty("axis").GetInt32());
        var shifts = c.GetProperty("shifts").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var expected = c.GetProperty("pcc").EnumerateArray().Select(NumberOrNaN).ToArray();
        Assert.Equal(shifts, result.Shifts);
        for (int k = 0; k < expected.Length; k++)
            Assert.True(ColocalizationReferenceTests.Close(expected[k], result.Values[k], 1e-9), $"shift {shifts[k]}: expected {expected[k]:R}, got {result.Values[k]:R}");
        Assert.Equal(c.GetProperty("peak_shift").GetInt32(), result.PeakShift);
    }

    [Fact]
    public void Intensity_correlation_analysis_matches_the_reference()
    {
        var c = Diagnostics("ica")[0];
        var result = IntensityCorrelationAnalysis.Compute(Intensity(c, "a"), Intensity(c, "b"), Mask(c));
        var lines = File.ReadAllLines(Path.Combine(ColocalizationReference.Directory, c.GetProperty("points").GetString()!)).Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        Assert.Equal(lines.Length, result.A.Count);
        for (int i = 0; i < lines.Length; i++)
        {
            Assert.Equal(lines[i][0], result.A[i]);
            Assert.Equal(lines[i][1], result.B[i]);
            Assert.True(ColocalizationReferenceTests.Close(lines[i][2], result.Products[i], 1e-9), $"point {i}: expected {lines[i][2]:R}, got {result.Products[i]:R}");
        }

        Assert.True(ColocalizationReferenceTests.Close(c.GetProperty("icq").GetDouble(), result.Icq, 1e-9));
    }

    public static TheoryData<int> RandomizationCases() => new() { 0, 1, 2 };

    /// <summary>
    /// Same seeded experiment, different generators: the observed PCC must match within 1e-9; the
    /// null distributions (500 draws each) must agree in mean within 5 standard errors of the
    /// difference (5·σ·√(2/500)), in standard deviation within 15 % (about 5 standard errors),
    /// in their 5/50/95 % quantiles within half a null standard deviation, and the p-values within
    /// 0.1 (z-scores within 15 % or 0.5).
    /// </summary>
    [Theory]
    [MemberData(nameof(RandomizationCases))]
    public void Randomization_matches_the_reference_distribution(int index)
    {
        var c = Diagnostics("randomization")[index];
        var options = new RandomizationOptions { Iterations = c.GetProperty("n_iter").GetInt32(), BlockSize = c.GetProperty("block_size").GetInt32(), Seed = 20261205 };
        var result = CostesRandomization.Run(Intensity(c, "a"), Intensity(c, "b"), Mask(c), options);
        Assert.True(ColocalizationReferenceTests.Close(c.GetProperty("observed").GetDouble(), result.Observed, 1e-9));

        var finite = result.Null.Where(double.IsFinite).Order().ToArray();
        double mean = finite.Average();
        double std = Math.Sqrt(finite.Sum(v => (v - mean) * (v - mean)) / finite.Length);
        double refMean = c.GetProperty("null_mean").GetDouble(), refStd = c.GetProperty("null_std").GetDouble();
        Assert.True(Math.Abs(mean - refMean) <= 5 * refStd * Math.Sqrt(2.0 / finite.Length), $"null mean {mean} vs {refMean} (σ {refStd})");
        Assert.True(Math.Abs(std / refStd - 1) <= 0.15, $"null std {std} vs {refStd}");
        var refQuantiles = c.GetProperty("null_quantiles").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        double[] fractions = [0.05, 0.25, 0.5, 0.75, 0.95];
        foreach (int q in new[] { 0, 2, 4 })
        {
            double position = (finite.Length - 1) * fractions[q];
            int lo = (int)Math.Floor(position);
            double quantile = finite[lo] + (finite[Math.Min(lo + 1, finite.Length - 1)] - finite[lo]) * (position - lo);
            Assert.True(Math.Abs(quantile - refQuantiles[q]) <= 0.5 * refStd, $"quantile {fractions[q]}: {quantile} vs {refQuantiles[q]}");
        }

        Assert.True(Math.Abs(result.PValue - c.GetProperty("p_value").GetDouble()) <= 0.1, $"p {result.PValue} vs {c.GetProperty("p_value").GetDouble()}");
        double refZ = c.GetProperty("z_score").GetDouble();
        Assert.True(Math.Abs(result.ZScore - refZ) <= Math.Max(0.5, 0.15 * Math.Abs(refZ)), $"z {result.ZScore} vs {refZ}");
    }

    [Fact]
    public void Randomization_is_reproducible_with_a_seed()
    {
        var c = Diagnostics("randomization")[0];
        var options = new RandomizationOptions { Iterations = 20, BlockSize = 4, Seed = 3 };
        var first = CostesRandomization.Run(Intensity(c, "a"), Intensity(c, "b"), null, options);
        var second = CostesRandomization.Run(Intensity(c, "a"), Intensity(c, "b"), null, options);
        Assert.Equal(first.Null, second.Null);
    }

    public static TheoryData<int> ObjectCases() => new() { 0, 1, 2 };

    [Theory]
    [MemberData(nameof(ObjectCases))]
    public void Object_table_matches_the_reference(int index)
    {
        var c = Diagnostics("objects")[index];
        var options = new ObjectDetectionOptions
        {
            ThresholdMethod = ColocalizationThresholdMethods.Parse(c.GetProperty("method").GetString()!),
            MinSize = c.GetProperty("min_size").GetInt32(),
        };
        var mask = Mask(c);
        var objectsA = ObjectDetection.LabelObjects(Intensity(c, "a"), mask, options);
        var objectsB = ObjectDetection.LabelObjects(Intensity(c, "b"), mask, options);
        var table = ObjectColocalization.Table(objectsA, objectsB).Table;

        var lines = File.ReadAllLines(Path.Combine(ColocalizationReference.Directory, c.GetProperty("table").GetString()!)).Where(l => l.Length > 0).ToArray();
        Assert.Equal(lines.Length - 1, table.RowCount);
        for (int row = 0; row < table.RowCount; row++)
        {
            var cells = SplitQuoted(lines[row + 1]);
            Assert.Equal(cells[0], table["channel"].GetValue(row));
            Assert.Equal(long.Parse(cells[1], CultureInfo.InvariantCulture), table["object"].GetDouble(row));
            Assert.Equal(long.Parse(cells[2], CultureInfo.InvariantCulture), table["n_pixels"].GetDouble(row));
            Assert.Equal(cells[3], table["centroid"].GetValue(row));
            Assert.Equal(long.Parse(cells[4], CultureInfo.InvariantCulture), table["coincident"].GetDouble(row));
            Assert.Equal(long.Parse(cells[5], CultureInfo.InvariantCulture), table["overlap"].GetDouble(row));
            Assert.True(ColocalizationReferenceTests.Close(ColocalizationReference.Number(cells[6]), table["nn_distance_px"].GetDouble(row), 1e-9),
                $"row {row}: nn distance {cells[6]} vs {table["nn_distance_px"].GetDouble(row):R}");
        }
    }

    private static string[] SplitQuoted(string line)
    {
        var cells = new List<string>();
        var current = new System.Text.StringBuilder();
        bool quoted = false;
        foreach (var ch in line)
        {
            if (ch == '"') quoted = !quoted;
            else if (ch == ',' && !quoted)
            {
                cells.Add(current.ToString());
                current.Clear();
            }
            else current.Append(ch);
        }

        cells.Add(current.ToString());
        return cells.ToArray();
    }

    [Fact]
    public void Degenerate_whole_inputs_are_errors()
    {
        var a = IntensityImage.Create(new ushort[] { 1, 2, 3, 4 }, ImageShape.Of2D(2, 2));
        var b = IntensityImage.Create(new ushort[] { 1, 2, 3 }, ImageShape.Of2D(1, 3));
        Assert.Throws<ShapeMismatchException>(() => CrossCorrelationFunction.Compute(a, b));
        Assert.Equal("SegMeasure.InvalidOption", Assert.Throws<SegMeasureException>(() => CrossCorrelationFunction.Compute(a, a, null, 0)).ErrorId);
        Assert.Equal("SegMeasure.InvalidOption", Assert.Throws<SegMeasureException>(() => CostesRandomization.Run(a, a, null, new RandomizationOptions { BlockSize = 3 })).ErrorId);
        var onePixel = new LabelImage([1, 0, 0, 0], ImageShape.Of2D(2, 2));
        Assert.Equal("SegMeasure.TooFewPixels", Assert.Throws<SegMeasureException>(() => IntensityCorrelationAnalysis.Compute(a, a, onePixel)).ErrorId);
    }
}
