using System.Text.Json;

namespace SegMeasure.Core.Segmentation.Cellpose;

/// <summary>
/// Cellpose's size model (models.SizeModel, version 3): a linear regression from the image's style
/// vector to the log of the object diameter, diam = max(5, exp(A·(style − smean) + ln diam_mean + ymean)).
/// Cellpose stores it as a pickled NumPy dict (<c>size_cyto3.npy</c>); SegMeasure reads the same four
/// numbers from JSON (docs/segmentation-cellpose-onnx.md gives the one-line conversion).
/// </summary>
internal sealed class CellposeSizeModel
{
    private CellposeSizeModel(string path, double[] a, double[] styleMean, double yMean, double diameterMean)
    {
        Path = path;
        A = a;
        StyleMean = styleMean;
        YMean = yMean;
        DiameterMean = diameterMean;
    }

    public string Path { get; }
    public double[] A { get; }
    public double[] StyleMean { get; }
    public double YMean { get; }

    /// <summary>The diameter the regression is relative to, and the fallback when an estimate is 0 or undefined.</summary>
    public double DiameterMean { get; }

    public static CellposeSizeModel Load(string path)
    {
        if (!File.Exists(path))
            throw new SegMeasureException("SegMeasure.FileNotFound", ErrorKind.NotFound, $"{path}: no such size model file", path);
        SegMeasureException Bad(string what) => new("SegMeasure.ModelFormat", ErrorKind.InvalidData,
            $"{path}: {what}; a size model is JSON with \"A\" and \"smean\" (arrays of the style's length), \"ymean\" and \"diam_mean\" (numbers)", path);
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Bad("not a JSON object");
            double[] Vector(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
                ? v.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Number ? e.GetDouble() : throw Bad($"\"{name}\" holds a non-number")).ToArray()
                : throw Bad($"no array \"{name}\"");
            double Number(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : throw Bad($"no number \"{name}\"");
            var a = Vector("A");
            var smean = Vector("smean");
            if (a.Length == 0 || a.Length != smean.Length) throw Bad($"\"A\" has {a.Length} values and \"smean\" {smean.Length}");
            double diameterMean = Number("diam_mean");
            if (!(diameterMean > 0) || double.IsInfinity(diameterMean)) throw Bad($"diam_mean {diameterMean} is not a positive number");
            return new CellposeSizeModel(path, a, smean, Number("ymean"), diameterMean);
        }
        catch (JsonException e)
        {
            throw new SegMeasureException("SegMeasure.ModelFormat", ErrorKind.InvalidData, $"{path}: not valid JSON ({e.Message})", path, e);
        }
    }

    /// <summary>The diameter the style suggests (Cellpose's diam_style); diam_mean when the estimate is 0 or undefined.</summary>
    public double FromStyle(ReadOnlySpan<float> style)
    {
        if (style.Length != A.Length)
            throw new SegMeasureException("SegMeasure.ModelShape", ErrorKind.InvalidData,
                $"{Path}: the size model expects a style of {A.Length} values, the network gives {style.Length}", Path);
        double dot = 0;
        for (int i = 0; i < A.Length; i++) dot += A[i] * (style[i] - StyleMean[i]);
        double estimate = Math.Max(5.0, Math.Exp(dot + Math.Log(DiameterMean) + YMean));
        return estimate == 0 || double.IsNaN(estimate) ? DiameterMean : estimate;
    }

    /// <summary>
    /// Cellpose's utils.diameters: the median over masks of √(pixel count), over √π / 2, the diameter of
    /// a disc of that area; diam_mean when there are no masks.
    /// </summary>
    public double FromMasks(uint[] labels)
    {
        var counts = new Dictionary<uint, long>();
        foreach (var l in labels)
            if (l != 0) counts[l] = counts.GetValueOrDefault(l) + 1;
        if (counts.Count == 0) return DiameterMean;
        var roots = counts.Values.Select(c => Math.Sqrt(c)).Order().ToArray();
        int n = roots.Length;
        double median = n % 2 == 1 ? roots[n / 2] : (roots[n / 2 - 1] + roots[n / 2]) / 2;
        double diameter = median / (Math.Sqrt(Math.PI) / 2);
        return diameter == 0 || double.IsNaN(diameter) ? DiameterMean : diameter;
    }
}
