using System.Text.Json;
using SegMeasure.Core.Images;
using SegMeasure.Core.Tiff;
using Xunit.Abstractions;

namespace SegMeasure.Core.Tests.Tiff;

/// <summary>
/// Files our writer produces are read by independent implementations — tifffile (Debian's
/// python3) and libtiff (tiffinfo, tiffcp, tiffdump) — and must agree on shape, type, pixel
/// checksum and calibration. Each test returns early with a note when its tool is missing.
/// </summary>
public class IndependentReaderTests : IDisposable
{
    private const string TifffileScript = """
        import sys, json, hashlib, numpy as np, tifffile
        out = []
        for path in sys.argv[1:]:
            with tifffile.TiffFile(path) as tif:
                series = tif.series[0]
                a = series.asarray()
                page = tif.pages[0]
                ij = tif.imagej_metadata or {}
                def res(name):
                    tag = page.tags.get(name)
                    return None if tag is None else tag.value[0] / tag.value[1]
                out.append(dict(
                    shape=list(a.shape), axes=series.axes, dtype=str(a.dtype),
                    sha256=hashlib.sha256(np.ascontiguousarray(a).astype(a.dtype.newbyteorder('<')).tobytes()).hexdigest(),
                    imagej=tif.is_imagej, spacing=ij.get('spacing'), unit=ij.get('unit'),
                    xres=res('XResolution'), yres=res('YResolution'), bigtiff=tif.is_bigtiff))
        print(json.dumps(out))
        """;

    private readonly TemporaryDirectory _dir = new();
    private readonly ITestOutputHelper _log;

    public IndependentReaderTests(ITestOutputHelper log) => _log = log;

    public void Dispose() => _dir.Dispose();

    public static TheoryData<PixelType> Types()
    {
        var data = new TheoryData<PixelType>();
        foreach (var t in SampleImages.AllTypes) data.Add(t);
        return data;
    }

    private List<JsonElement> ReadWithTifffile(params string[] paths)
    {
        var (code, output, error) = ExternalTools.Run(ExternalTools.DebianPython, ["-c", TifffileScript, .. paths]);
        Assert.True(code == 0, $"tifffile failed: {error}");
        using var doc = JsonDocument.Parse(output);
        return doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Tifffile_reads_our_intensity_files_with_their_voxel_size(PixelType type)
    {
        if (!ExternalTools.HasTifffile)
        {
            _log.WriteLine("skipped: /usr/bin/python3 with tifffile is not installed");
            return;
        }

        var flat = SampleImages.Intensity(type, ImageShape.Of2D(37, 53), seed: 3);
        var volume = SampleImages.Intensity(type, ImageShape.Of3D(6, 37, 53), voxel: new VoxelSize(2.5, 0.325, 0.325, "micron"), seed: 4);
        ImageFile.WriteIntensity(_dir.File("flat.tif"), flat);
        ImageFile.WriteIntensity(_dir.File("volume.tif"), volume);
        var result = ReadWithTifffile(_dir.File("flat.tif"), _dir.File("volume.tif"));

        Assert.Equal(new[] { 37, 53 }, result[0].GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(type.ToDTypeName(), result[0].GetProperty("dtype").GetString());
        Assert.Equal(PixelChecksum.Sha256(flat.GetChannelArray(0)), result[0].GetProperty("sha256").GetString());

        var v = result[1];
        Assert.Equal(new[] { 6, 37, 53 }, v.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(type.ToDTypeName(), v.GetProperty("dtype").GetString());
        Assert.Equal(PixelChecksum.Sha256(volume.GetChannelArray(0)), v.GetProperty("sha256").GetString());
        Assert.True(v.GetProperty("imagej").GetBoolean());
        Assert.Equal(2.5, v.GetProperty("spacing").GetDouble(), 1e-12);
        Assert.Equal("micron", v.GetProperty("unit").GetString());
        Assert.Equal(0.325, 1 / v.GetProperty("xres").GetDouble(), 1e-9);
        Assert.Equal(0.325, 1 / v.GetProperty("yres").GetDouble(), 1e-9);
    }

    [Fact]
    public void Tifffile_reads_our_labels_hyperstacks_and_BigTiff()
    {
        if (!ExternalTools.HasTifffile)
        {
            _log.WriteLine("skipped: /usr/bin/python3 with tifffile is not installed");
            return;
        }

        var labels = SampleImages.Labels(ImageShape.Of3D(7, 300, 200), 1000, new VoxelSize(1.0, 0.2, 0.2, "micron"));
        var hyper = SampleImages.Intensity(PixelType.UInt16, ImageShape.Of3D(4, 20, 30), channels: 2, voxel: new VoxelSize(2, 0.5, 0.5, "micron"));
        ImageFile.WriteLabels(_dir.File("labels.tif"), labels);
        ImageFile.WriteIntensity(_dir.File("hyper.tif"), hyper);
        TiffWriter.WriteLabels(_dir.File("big.tif"), labels, null, default, bigTiffThreshold: 0);
        var result = ReadWithTifffile(_dir.File("labels.tif"), _dir.File("hyper.tif"), _dir.File("big.tif"));

        var expectedLabels = labels.Data.Select(v => (ushort)v).ToArray();
        Assert.Equal("uint16", result[0].GetProperty("dtype").GetString());
        Assert.Equal(PixelChecksum.Sha256(expectedLabels), result[0].GetProperty("sha256").GetString());
        Assert.Equal("ZYX", result[0].GetProperty("axes").GetString());

        Assert.Equal("ZCYX", result[1].GetProperty("axes").GetString());
        Assert.Equal(new[] { 4, 2, 20, 30 }, result[1].GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        var interleaved = new ushort[4 * 2 * 20 * 30];
        for (int z = 0; z < 4; z++)
            for (int c = 0; c < 2; c++)
                Array.Copy(hyper.GetChannel<ushort>(c), z * 600, interleaved, (z * 2 + c) * 600, 600);
        Assert.Equal(PixelChecksum.Sha256(interleaved), result[1].GetProperty("sha256").GetString());

        Assert.True(result[2].GetProperty("bigtiff").GetBoolean());
        Assert.Equal(PixelChecksum.Sha256(expectedLabels), result[2].GetProperty("sha256").GetString());
    }

    [Theory]
    [InlineData(TiffCompression.None)]
    [InlineData(TiffCompression.Deflate)]
    [InlineData(TiffCompression.Lzw)]
    [InlineData(TiffCompression.PackBits)]
    public void Libtiff_decodes_every_compression_we_write(TiffCompression compression)
    {
        if (!ExternalTools.Has("tiffcp") || !ExternalTools.Has("tiffinfo"))
        {
            _log.WriteLine("skipped: libtiff-tools (tiffcp, tiffinfo) are not installed");
            return;
        }

        var labels = SampleImages.Labels(ImageShape.Of3D(3, 400, 333), 70_000);
        var ours = _dir.File("ours.tif");
        var plain = _dir.File("plain.tif");
        ImageFile.WriteLabels(ours, labels, new TiffWriteOptions { Compression = compression });

        var info = ExternalTools.Run("tiffinfo", [ours]);
        Assert.Equal(0, info.ExitCode);
        Assert.DoesNotContain("rror", info.Error);
        Assert.Contains("Image Width: 333 Image Length: 400", info.Output);
        Assert.Contains("Bits/Sample: 32", info.Output);
        Assert.Equal(3, info.Output.Split("=== TIFF directory").Length - 1);

        var copy = ExternalTools.Run("tiffcp", ["-c", "none", ours, plain]);
        Assert.True(copy.ExitCode == 0, copy.Error);
        Assert.DoesNotContain("rror", copy.Error);
        using var reader = TiffReader.Open(plain);
        Assert.Equal((ulong)1, reader.Pages[0].Compression);
        var pixels = reader.Read();
        Assert.Equal("ZYX", pixels.Axes); // tiffcp keeps our ImageJ description
        Assert.Equal(labels.Data, (uint[])pixels.Data);
    }

    [Fact]
    public void Tiffdump_sees_a_BigTiff_header_and_64_bit_offsets()
    {
        if (!ExternalTools.Has("tiffdump"))
        {
            _log.WriteLine("skipped: tiffdump is not installed");
            return;
        }

        var path = _dir.File("big.tif");
        TiffWriter.WriteLabels(path, SampleImages.Labels(ImageShape.Of2D(100, 80), 300), null, default, bigTiffThreshold: 0);
        var dump = ExternalTools.Run("tiffdump", [path]);
        Assert.Equal(0, dump.ExitCode);
        Assert.Contains("BigTIFF", dump.Output);
        Assert.Contains("StripOffsets (273) LONG8 (16)", dump.Output);
    }
}
