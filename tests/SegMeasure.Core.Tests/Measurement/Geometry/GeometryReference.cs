using System.IO.Compression;
using System.Text.Json;
using SegMeasure.Core.Measurement.Geometry;

namespace SegMeasure.Core.Tests.Measurement.Geometry;

/// <summary>
/// The cases of tests/reference/geometry/geometry_reference.json, written by
/// make_geometry_reference.py with scikit-image 0.19.3 and scipy.
/// </summary>
internal sealed class GeometryReference
{
    public required string Name { get; init; }
    public required ObjectMask Mask { get; init; }
    public long Count { get; init; }
    public long HullCount { get; init; }
    public long SkimageHullCount { get; init; }
    public bool Flat { get; init; }
    public List<(double[] Spacing, double Value)> SurfaceAreas { get; } = new();
    public List<(double[] Spacing, double Value)> Ferets { get; } = new();

    private static readonly Lazy<Dictionary<string, GeometryReference>> All = new(Load);

    public static IEnumerable<object[]> Names(Func<GeometryReference, bool> filter) =>
        All.Value.Values.Where(filter).Select(c => new object[] { c.Name });

    public static GeometryReference Get(string name) => All.Value[name];

    public static string RepositoryRoot() => TestData.RepositoryRoot;

    private static Dictionary<string, GeometryReference> Load()
    {
        string path = Path.Combine(RepositoryRoot(), "tests", "reference", "geometry", "geometry_reference.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var cases = new Dictionary<string, GeometryReference>();
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            int[] shape = c.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            bool is2D = shape.Length == 2;
            int depth = is2D ? 1 : shape[0], height = shape[^2], width = shape[^1];
            var voxels = Unpack(c.GetProperty("mask").GetString()!, depth * height * width);
            var reference = new GeometryReference
            {
                Name = c.GetProperty("name").GetString()!,
                Mask = new ObjectMask(voxels, depth, height, width, is2D),
                Count = c.GetProperty("count").GetInt64(),
                HullCount = c.GetProperty("hull_count").GetInt64(),
                SkimageHullCount = c.GetProperty("skimage_hull_count").GetInt64(),
                Flat = c.TryGetProperty("flat", out var flat) && flat.GetBoolean(),
            };
            if (c.TryGetProperty("surface_areas", out var areas))
                foreach (var a in areas.EnumerateArray())
                    reference.SurfaceAreas.Add((Spacing(a), a.GetProperty("area").GetDouble()));
            foreach (var f in c.GetProperty("ferets").EnumerateArray())
                reference.Ferets.Add((Spacing(f), f.GetProperty("value").GetDouble()));
            cases.Add(reference.Name, reference);
        }
        return cases;
    }

    private static double[] Spacing(JsonElement e) =>
        e.GetProperty("spacing").EnumerateArray().Select(v => v.GetDouble()).ToArray();

    /// <summary>zlib-compressed numpy.packbits output (most significant bit first) → booleans.</summary>
    private static bool[] Unpack(string base64, int length)
    {
        using var input = new ZLibStream(new MemoryStream(Convert.FromBase64String(base64)), CompressionMode.Decompress);
        using var bytes = new MemoryStream();
        input.CopyTo(bytes);
        var packed = bytes.ToArray();
        var voxels = new bool[length];
        for (int i = 0; i < length; i++)
            voxels[i] = (packed[i >> 3] >> (7 - (i & 7)) & 1) != 0;
        return voxels;
    }

    public override string ToString() => Name;
}
