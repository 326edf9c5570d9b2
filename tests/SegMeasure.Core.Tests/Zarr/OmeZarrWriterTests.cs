using System.Text.Json;
using SegMeasure.Core.Images;
using SegMeasure.Core.Tiff;
using SegMeasure.Core.Zarr;

namespace SegMeasure.Core.Tests.Zarr;

/// <summary>
/// Label outputs as OME-Zarr: standalone images and labels/NAME beside a source image, Zarr v2
/// / 0.4 by default and v3 / 0.5 on request; read back by our reader and, for v2, by
/// python3-zarr 2.13 (when Debian's python3 has it).
/// </summary>
public class OmeZarrWriterTests : IDisposable
{
    private readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static LabelImage Labels(ImageShape shape, VoxelSize? voxel = null)
    {
        var data = new uint[(long)shape.Depth * shape.Height * shape.Width];
        for (int i = 0; i < data.Length; i++) data[i] = (uint)((i / 97) % 300) * (uint)(i % 5 == 0 ? 0 : 1);
        return new LabelImage(data, shape, voxel);
    }

    private string CopyStore(string store)
    {
        var source = ZarrTestData.Store(store);
        var target = _dir.File(store);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        return target;
    }

    public static TheoryData<int, bool> Versions() => new() { { 2, true }, { 2, false }, { 3, true }, { 3, false } };

    [Theory]
    [MemberData(nameof(Versions))]
    public void A_standalone_image_reads_back(int version, bool is2D)
    {
        var shape = is2D ? ImageShape.Of2D(600, 530) : ImageShape.Of3D(20, 300, 270); // edge chunks on every axis
        var labels = Labels(shape, new VoxelSize(2.0, 0.5, 0.25, "micron"));
        var path = _dir.File($"cells-v{version}.ome.zarr");
        ImageFile.WriteLabels(path, labels, new TiffWriteOptions { ZarrVersion = version });
        Assert.True(File.Exists(Path.Combine(path, version == 2 ? ".zattrs" : "zarr.json")));

        var back = ImageFile.ReadLabels(path);
        Assert.Equal(shape, back.Shape);
        Assert.Equal(labels.Data, back.Data);
        Assert.Equal(labels.VoxelSize.ToScale(is2D), back.VoxelSize.ToScale(is2D));
        Assert.Equal("micron", back.VoxelSize.Unit);
        if (version == 2) CheckWithPythonZarr(path, labels, is2D ? ["y", "x"] : ["z", "y", "x"], is2D ? [0.5, 0.25] : [2.0, 0.5, 0.25]);
    }

    [Theory]
    [InlineData("nuclei_2d.ome.zarr", 2)]
    [InlineData("nuclei_2d_v3.ome.zarr", 3)]
    public void Labels_beside_the_source_image(string store, int version)
    {
        var image = CopyStore(store);
        var source = ImageFile.ReadLabels(Path.Combine(image, "labels", "nuclei"));
        var cells = new LabelImage(source.Data.Select(v => v == 0 ? 0u : v + 1000).ToArray(), source.Shape, source.VoxelSize);
        var target = Path.Combine(image, "labels", "cells");
        ImageFile.WriteLabels(target, cells, new TiffWriteOptions { ZarrVersion = version });

        Assert.Equal(cells.Data, ImageFile.ReadLabels(target).Data);
        Assert.Equal(source.Data, ImageFile.ReadLabels(Path.Combine(image, "labels", "nuclei")).Data);
        var list = version == 2
            ? JsonDocument.Parse(File.ReadAllText(Path.Combine(image, "labels", ".zattrs"))).RootElement.GetProperty("labels")
            : JsonDocument.Parse(File.ReadAllText(Path.Combine(image, "labels", "zarr.json"))).RootElement.GetProperty("attributes").GetProperty("ome").GetProperty("labels");
        Assert.Equal(["nuclei", "cells"], list.EnumerateArray().Select(e => e.GetString()));
        var attributes = version == 2
            ? JsonDocument.Parse(File.ReadAllText(Path.Combine(target, ".zattrs"))).RootElement
            : JsonDocument.Parse(File.ReadAllText(Path.Combine(target, "zarr.json"))).RootElement.GetProperty("attributes").GetProperty("ome");
        Assert.Equal("../../", attributes.GetProperty("image-label").GetProperty("source").GetProperty("image").GetString());
        if (version == 2) CheckWithPythonZarr(target, cells, ["y", "x"], [0.5, 0.5]);
    }

    [Theory]
    [InlineData("nuclei_2d.ome.zarr", ".zattrs")]
    [InlineData("nuclei_2d_v3.ome.zarr", "zarr.json")]
    public void Labels_beside_an_image_take_its_zarr_version_when_none_is_asked(string store, string metadataFile)
    {
        var image = CopyStore(store);
        var source = ImageFile.ReadLabels(Path.Combine(image, "labels", "nuclei"));
        var target = Path.Combine(image, "labels", "copy");
        ImageFile.WriteLabels(target, source);

        Assert.True(File.Exists(Path.Combine(target, metadataFile)));
        Assert.Equal(source.Data, ImageFile.ReadLabels(target).Data);
    }

    [Fact]
    public void A_standalone_store_is_zarr_v2_unless_asked()
    {
        var labels = Labels(ImageShape.Of2D(20, 30));
        ImageFile.WriteLabels(_dir.File("default.ome.zarr"), labels);
        ImageFile.WriteLabels(_dir.File("v3.ome.zarr"), labels, new TiffWriteOptions { ZarrVersion = 3 });

        Assert.Equal(TiffWriteOptions.DefaultZarrVersion, File.Exists(_dir.File("default.ome.zarr/.zattrs")) ? 2 : 3);
        Assert.True(File.Exists(_dir.File("v3.ome.zarr/zarr.json")));
        Assert.Equal(labels.Data, ImageFile.ReadLabels(_dir.File("v3.ome.zarr")).Data);
    }

    [Fact]
    public void Labels_of_another_shape_or_zarr_version_than_the_image_are_refused()
    {
        var image = CopyStore("nuclei_2d.ome.zarr");
        Assert.Throws<ShapeMismatchException>(() => ImageFile.WriteLabels(Path.Combine(image, "labels", "x"), Labels(ImageShape.Of2D(10, 10))));
        var source = ImageFile.ReadLabels(Path.Combine(image, "labels", "nuclei"));
        var error = Assert.Throws<SegMeasureException>(() => ImageFile.WriteLabels(Path.Combine(image, "labels", "y"), source, new TiffWriteOptions { ZarrVersion = 3 }));
        Assert.Contains("Zarr v2", error.Message);
    }

    [Fact]
    public void Never_overwrites_without_being_asked()
    {
        var path = _dir.File("cells.ome.zarr");
        var first = Labels(ImageShape.Of2D(40, 50));
        ImageFile.WriteLabels(path, first);
        var second = new LabelImage(first.Data.Select(v => v * 2).ToArray(), first.Shape);
        Assert.Throws<OutputExistsException>(() => ImageFile.WriteLabels(path, second));
        Assert.Equal(first.Data, ImageFile.ReadLabels(path).Data);
        ImageFile.WriteLabels(path, second, new TiffWriteOptions { Overwrite = true });
        Assert.Equal(second.Data, ImageFile.ReadLabels(path).Data);
        Assert.Empty(Directory.GetDirectories(_dir.Path, ".*.tmp"));
    }

    private static void CheckWithPythonZarr(string path, LabelImage labels, string[] axes, double[] scale)
    {
        if (!ExternalTools.Has(ExternalTools.DebianPython) || ExternalTools.Run(ExternalTools.DebianPython, ["-c", "import zarr"]).ExitCode != 0) return;
        var script = """
            import hashlib, json, sys, numpy as np, zarr
            g = zarr.open_group(sys.argv[1], mode="r")
            ms = g.attrs["multiscales"][0]
            a = g[ms["datasets"][0]["path"]][...]
            print(json.dumps({"shape": list(a.shape), "sum": int(a.astype(np.int64).sum()), "max": int(a.max()),
                              "axes": [x["name"] for x in ms["axes"]], "units": [x.get("unit") for x in ms["axes"]],
                              "scale": ms["datasets"][0]["coordinateTransformations"][0]["scale"]}))
            """;
        var (code, output, error) = ExternalTools.Run(ExternalTools.DebianPython, ["-c", script, path]);
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        var shape = labels.Shape.Is2D ? new[] { labels.Shape.Height, labels.Shape.Width } : [labels.Shape.Depth, labels.Shape.Height, labels.Shape.Width];
        Assert.Equal(shape, root.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(labels.Data.Sum(v => (long)v), root.GetProperty("sum").GetInt64());
        Assert.Equal(labels.MaxLabel(), root.GetProperty("max").GetUInt32());
        Assert.Equal(axes, root.GetProperty("axes").EnumerateArray().Select(e => e.GetString()));
        Assert.All(root.GetProperty("units").EnumerateArray(), u => Assert.Equal("micrometer", u.GetString()));
        Assert.Equal(scale, root.GetProperty("scale").EnumerateArray().Select(e => e.GetDouble()));
    }
}
