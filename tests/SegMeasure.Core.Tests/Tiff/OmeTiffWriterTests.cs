using System.Text.Json;
using SegMeasure.Core.Images;
using SegMeasure.Core.Tiff;

namespace SegMeasure.Core.Tests.Tiff;

/// <summary>
/// OME-TIFF output keeps every axis: a one-slice volume stays a volume, <c>*.ome.tif</c> outputs
/// carry OME-XML, and both our reader and tifffile (when Debian's python3 has it) read back
/// the same shape and physical scale.
/// </summary>
public class OmeTiffWriterTests
{
    private static LabelImage Labels(ImageShape shape, VoxelSize? voxel = null)
    {
        var data = new uint[shape.Depth * shape.Height * shape.Width];
        for (int i = 0; i < data.Length; i++) data[i] = (uint)(i / 7 % 5);
        return new LabelImage(data, shape, voxel);
    }

    public static TheoryData<string, int, int, int, bool, bool> Cases() => new()
    {
        // file name, depth, height, width, is 2D, calibrated
        { "volume-one-slice.tif", 1, 6, 9, false, true },
        { "volume-one-slice-uncalibrated.tif", 1, 6, 9, false, false },
        { "plane.ome.tif", 1, 6, 9, true, true },
        { "stack.ome.tif", 4, 6, 9, false, true },
        { "stack-uncalibrated.ome.tiff", 3, 5, 7, false, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reads_back_with_every_axis_and_the_scale(string name, int depth, int height, int width, bool is2D, bool calibrated)
    {
        using var dir = new TemporaryDirectory();
        var shape = is2D ? ImageShape.Of2D(height, width) : ImageShape.Of3D(depth, height, width);
        var voxel = calibrated ? new VoxelSize(2.5, 0.5, 0.25, "micron") : null;
        var image = Labels(shape, voxel);
        var path = dir.File(name);
        ImageFile.WriteLabels(path, image);

        using (var reader = TiffReader.Open(path))
            Assert.NotNull(reader.Series.Ome);
        var back = ImageFile.ReadLabels(path);
        Assert.Equal(shape, back.Shape);
        Assert.Equal(image.Data, back.Data);
        Assert.Equal(calibrated, back.VoxelSize.IsCalibrated);
        if (calibrated)
        {
            Assert.Equal(0.5, back.VoxelSize.Y);
            Assert.Equal(0.25, back.VoxelSize.X);
            if (!is2D) Assert.Equal(2.5, back.VoxelSize.Z);
            Assert.Equal("micron", back.VoxelSize.Unit);
        }

        if (!ExternalTools.HasTifffile) return;
        var script = """
            import json, sys, tifffile, xml.etree.ElementTree as ET
            with tifffile.TiffFile(sys.argv[1]) as t:
                s = t.series[0]
                p = next(e for e in ET.fromstring(t.ome_metadata).iter() if e.tag.endswith('Pixels'))
                print(json.dumps({"shape": list(s.get_shape(False)), "axes": s.get_axes(False), "is_ome": t.is_ome,
                                  "sum": int(s.asarray().astype('int64').sum()), "attrib": dict(p.attrib)}))
            """;
        var (code, output, error) = ExternalTools.Run(ExternalTools.DebianPython, ["-c", script, path]);
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.True(root.GetProperty("is_ome").GetBoolean());
        var axes = root.GetProperty("axes").GetString()!;
        var sizes = root.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        int Size(char axis) => axes.IndexOf(axis) is var i and >= 0 ? sizes[i] : 1;
        Assert.Equal((1, 1, depth, height, width), (Size('T'), Size('C'), Size('Z'), Size('Y'), Size('X')));
        Assert.Equal(image.Data.Sum(v => (long)v), root.GetProperty("sum").GetInt64());
        var attrib = root.GetProperty("attrib");
        if (calibrated)
        {
            Assert.Equal("0.25", attrib.GetProperty("PhysicalSizeX").GetString());
            Assert.Equal("0.5", attrib.GetProperty("PhysicalSizeY").GetString());
            Assert.Equal("\u00B5m", attrib.GetProperty("PhysicalSizeXUnit").GetString());
        }

        Assert.Equal(!is2D, attrib.TryGetProperty("PhysicalSizeZ", out var z));
        if (!is2D && calibrated) Assert.Equal("2.5", z.GetString());
    }

    [Fact]
    public void Channels_of_an_intensity_stack_keep_their_axis()
    {
        using var dir = new TemporaryDirectory();
        var shape = ImageShape.Of3D(3, 4, 5);
        var channels = new Array[] { Enumerable.Range(0, 60).Select(i => (ushort)i).ToArray(), Enumerable.Range(0, 60).Select(i => (ushort)(1000 + i)).ToArray() };
        var path = dir.File("two-channels.ome.tif");
        ImageFile.WriteIntensity(path, new IntensityImage(channels, shape, PixelType.UInt16, new VoxelSize(1.5, 0.5, 0.5, "micron")));
        using (var reader = TiffReader.Open(path))
        {
            Assert.Equal("ZCYX", reader.Series.Axes);
            Assert.Equal([3, 2, 4, 5], reader.Series.Shape);
        }

        var back = ImageFile.ReadIntensity(path);
        Assert.Equal(shape, back.Shape);
        Assert.Equal((ushort[])channels[1], back.GetChannel<ushort>(1));
    }

    [Fact]
    public void A_plane_without_ome_in_its_name_keeps_imagej_metadata()
    {
        using var dir = new TemporaryDirectory();
        var path = dir.File("plane.tif");
        ImageFile.WriteLabels(path, Labels(ImageShape.Of2D(6, 9), new VoxelSize(1, 0.5, 0.5, "micron")));
        using var reader = TiffReader.Open(path);
        Assert.NotNull(reader.Series.ImageJ);
        Assert.Null(reader.Series.Ome);
    }

    [Theory]
    [InlineData("movie.ome.tif", true)]
    [InlineData("movie-stack.tif", false)]
    public void A_time_series_keeps_its_t_axis(string name, bool is2D)
    {
        using var dir = new TemporaryDirectory();
        var shape = is2D ? ImageShape.Of2D(6, 9) : ImageShape.Of3D(2, 6, 9);
        var voxel = new VoxelSize(2.0, 0.5, 0.25, "micron");
        var frames = Enumerable.Range(0, 3).Select(t => new LabelImage(Labels(shape).Data.Select(v => v == 0 ? 0 : v + (uint)(10 * t)).ToArray(), shape, voxel)).ToArray();
        var path = dir.File(name);
        ImageFile.WriteLabelFrames(path, frames);

        using (var reader = TiffReader.Open(path))
            Assert.Equal(is2D ? "TYX" : "TZYX", reader.Series.Axes);
        var back = ImageFile.ReadIntensityFrames(path, null, default);
        Assert.Equal(3, back.Count);
        for (int t = 0; t < 3; t++)
        {
            Assert.Equal(shape, back[t].Shape);
            Assert.Equal(frames[t].Data, back[t].GetChannel<byte>(0).Select(v => (uint)v));
        }

        // Where frames are not read one by one, the time axis is refused, never read as depth.
        var error = Assert.Throws<ImageAxesException>(() => ImageFile.ReadLabels(path));
        Assert.Contains("3 time points", error.Message);

        if (!ExternalTools.HasTifffile) return;
        var script = """
            import json, sys, tifffile
            with tifffile.TiffFile(sys.argv[1]) as t:
                s = t.series[0]
                a = s.asarray().astype('int64')
                print(json.dumps({"shape": list(s.get_shape(False)), "axes": s.get_axes(False), "sums": [int(a[i].sum()) for i in range(a.shape[0])]}))
            """;
        var (code, output, stderr) = ExternalTools.Run(ExternalTools.DebianPython, ["-c", script, path]);
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(output);
        var axes = json.RootElement.GetProperty("axes").GetString()!;
        var sizes = json.RootElement.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        int Size(char axis) => axes.IndexOf(axis) is var i and >= 0 ? sizes[i] : 1;
        Assert.Equal((3, 1, shape.Depth, 6, 9), (Size('T'), Size('C'), Size('Z'), Size('Y'), Size('X')));
        Assert.Equal('T', axes[0]);
        Assert.Equal(frames.Select(f => f.Data.Sum(v => (long)v)), json.RootElement.GetProperty("sums").EnumerateArray().Select(e => e.GetInt64()));
    }

    [Fact]
    public void Frames_of_different_shapes_are_refused()
    {
        using var dir = new TemporaryDirectory();
        var path = dir.File("bad.ome.tif");
        Assert.Throws<ShapeMismatchException>(() => ImageFile.WriteLabelFrames(path, [Labels(ImageShape.Of2D(6, 9)), Labels(ImageShape.Of2D(6, 8))]));
        Assert.False(File.Exists(path));
    }
}
