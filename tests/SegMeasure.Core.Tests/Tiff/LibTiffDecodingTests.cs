using System.Text.Json;
using SegMeasure.Core.Images;
using SegMeasure.Core.Tiff;

namespace SegMeasure.Core.Tests.Tiff;

/// <summary>
/// Compressions our codec leaves to LibTiff.NET (JPEG, CCITT G3/G4, bilevel pixels), from files
/// libtiff's tiffcp wrote (tests/reference/tiff/libtiff, make_libtiff_cases.py): each reads to
/// the pixels of the plain copy <c>tiffcp -c none</c> made of it. And LibTiff.NET as a second,
/// independent reader: every conformance and real TIFF gives the same pixels from both.
/// </summary>
public class LibTiffDecodingTests
{
    private static string Folder => Path.Combine(TestData.RepositoryRoot, "tests", "reference", "tiff", "libtiff");

    public static TheoryData<string> Compressed() =>
        new(Directory.GetFiles(Folder, "*.tif").Select(Path.GetFileName).Where(f => !f!.StartsWith("src_") && !f.EndsWith(".none.tif")).Order()!);

    [Theory]
    [MemberData(nameof(Compressed))]
    public void Reads_to_the_pixels_tiffcp_decodes(string file)
    {
        var compressed = TiffReader.ReadFile(Path.Combine(Folder, file));
        var plain = TiffReader.ReadFile(Path.Combine(Folder, file.Replace(".tif", ".none.tif")));
        Assert.Equal(plain.Shape, compressed.Shape);
        Assert.Equal(plain.Axes, compressed.Axes);
        Assert.Equal(plain.PixelType, compressed.PixelType);
        if (file.Contains("ycbcr"))
        {
            // Subsampled YCbCr: LibJpeg.NET upsamples chroma differently from libtiff's libjpeg-turbo,
            // so pixels differ by a few levels on colour edges (measured: mean 0.78, max 31 of 255),
            // well inside the JPEG error itself (libtiff's pixels are up to 107 levels off the source).
            var ours = (byte[])compressed.Data;
            var theirs = (byte[])plain.Data;
            double mean = ours.Zip(theirs, (a, b) => Math.Abs(a - b)).Average();
            Assert.InRange(mean, 0, 1.5);
            return;
        }

        Assert.Equal(PixelChecksum.Sha256(plain.Data), PixelChecksum.Sha256(compressed.Data));
    }

    [Fact]
    public void Bilevel_pixels_are_the_mask_that_was_written()
    {
        var mask = TiffReader.ReadFile(Path.Combine(Folder, "src_mask_1bit.tif"));
        var labels = TiffReader.ReadFile(TestData.Real("real/segmentation-measurement-tool/nucleus-seg.tif"));
        var source = (long[])labels.Data;
        var bits = (byte[])mask.Data;
        Assert.Equal([100, 120], mask.Shape);
        for (int y = 0; y < 100; y++)
            for (int x = 0; x < 120; x++)
                Assert.Equal(source[(40 + y) * 256 + 30 + x] > 0 ? 1 : 0, bits[y * 120 + x]);
        foreach (var g4 in new[] { "mask_g4.tif", "mask_g4_tiled.tif", "mask_g3_1d.tif", "mask_g3_2d.tif" })
            Assert.Equal(bits, (byte[])TiffReader.ReadFile(Path.Combine(Folder, g4)).Data);
    }

    [Fact]
    public void Tifffile_reads_the_plain_copies_to_the_same_checksums()
    {
        if (!ExternalTools.HasTifffile) return;
        var files = Directory.GetFiles(Folder, "*.none.tif").Order().ToArray();
        var script = """
            import sys, json, hashlib, numpy as np, tifffile
            out = {}
            for p in sys.argv[1:]:
                a = tifffile.imread(p)
                if a.dtype == bool: a = a.astype(np.uint8)
                out[p] = hashlib.sha256(np.ascontiguousarray(a).astype(a.dtype.newbyteorder('<')).tobytes()).hexdigest()
            print(json.dumps(out))
            """;
        var (code, output, error) = ExternalTools.Run(ExternalTools.DebianPython, ["-c", script, .. files]);
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        foreach (var file in files)
            Assert.Equal(json.RootElement.GetProperty(file).GetString(), PixelChecksum.Sha256(TiffReader.ReadFile(file).Data));
    }

    public static TheoryData<string> EveryTiff()
    {
        var data = new TheoryData<string>();
        foreach (var f in TestData.ExpectedFiles(Path.Combine("tiff-conformance", "expected.json")).Where(f => f.GetProperty("valid").GetBoolean()))
            data.Add(Path.Combine("tiff-conformance", f.GetProperty("file").GetString()!));
        data.Add(Path.Combine("tiff-conformance", "intensity_u8_jpeg.tif"));
        foreach (var f in Directory.GetFiles(Path.Combine(TestData.DataDirectory, "real"), "*.tif", SearchOption.AllDirectories).Order())
            data.Add(Path.GetRelativePath(TestData.DataDirectory, f));
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryTiff))]
    public void LibTiff_and_our_reader_give_the_same_pixels(string relative)
    {
        var path = Path.Combine(TestData.DataDirectory, relative);
        using var reader = TiffReader.Open(path);
        var ours = reader.Read();
        var series = reader.Series;
        if (series.Pages.Any(p => p.Index >= reader.Pages.Count || reader.Pages[p.Index] != p)) return; // ImageJ's >4 GiB layout: pages LibTiff cannot see
        long offset = 0;
        foreach (var page in series.Pages)
        {
            var theirs = LibTiffReference.ReadPage(path, page.Index);
            var mine = ours.BytesAt(offset, theirs.Length);
            Assert.True(mine.SequenceEqual(theirs), $"{relative}: page {page.Index} differs between LibTiff.NET and our reader");
            offset += theirs.Length;
        }

        Assert.Equal(ours.Length * ours.PixelType.SizeInBytes(), offset);
    }
}
