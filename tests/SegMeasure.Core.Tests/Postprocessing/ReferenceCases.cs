using System.Text.Json;
using SegMeasure.Core.Images;

namespace SegMeasure.Core.Tests.Postprocessing;

/// <summary>The committed reference outputs of tests/reference/postprocessing (see its generator script).</summary>
internal static class ReferenceCases
{
    public static string RepoRoot() => TestData.RepositoryRoot;

    public static string Folder => Path.Combine(RepoRoot(), "tests", "reference", "postprocessing", "cases");

    public static IEnumerable<object[]> Named(string operation)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "manifest.json")));
        foreach (var entry in doc.RootElement.EnumerateArray())
            if (entry.GetProperty("operation").GetString() == operation)
                yield return [entry.GetProperty("name").GetString()!];
    }

    public static JsonElement Params(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "manifest.json")));
        foreach (var entry in doc.RootElement.EnumerateArray())
            if (entry.GetProperty("name").GetString() == name)
                return entry.GetProperty("params").Clone();
        throw new KeyNotFoundException(name);
    }

    public static string Operation(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "manifest.json")));
        foreach (var entry in doc.RootElement.EnumerateArray())
            if (entry.GetProperty("name").GetString() == name)
                return entry.GetProperty("operation").GetString()!;
        throw new KeyNotFoundException(name);
    }

    public static NpzArchive Load(string name) => new(Path.Combine(Folder, name + ".npz"));

    public static ImageShape ShapeOf(int[] shape) => shape.Length switch
    {
        2 => ImageShape.Of2D(shape[0], shape[1]),
        3 => ImageShape.Of3D(shape[0], shape[1], shape[2]),
        _ => throw new ArgumentException("2D or 3D arrays only"),
    };

    public static LabelImage Input(NpzArchive npz, VoxelSize? voxelSize = null) =>
        new(npz.Labels("input"), ShapeOf(npz.Shape("input")), voxelSize, PixelType.UInt16);

    /// <summary>Asserts equality voxel by voxel, reporting how many differ and the first few.</summary>
    public static void AssertSameLabels(uint[] expected, uint[] actual, ImageShape shape, bool[]? ignore = null)
    {
        Assert.Equal(expected.Length, actual.Length);
        var differing = new List<string>();
        int count = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            if (ignore is not null && ignore[i]) continue;
            if (expected[i] == actual[i]) continue;
            count++;
            if (differing.Count < 5)
            {
                long x = i % shape.Width, y = i / shape.Width % shape.Height, z = i / ((long)shape.Width * shape.Height);
                differing.Add($"(z={z}, y={y}, x={x}) expected {expected[i]} got {actual[i]}");
            }
        }

        Assert.True(count == 0, $"{count} voxels differ: {string.Join("; ", differing)}");
    }
}
