using System.Text.Json;
using SegMeasure.Core.Images;
using SegMeasure.Core.Tiff;

namespace SegMeasure.Core.Tests.Tiff;

/// <summary>
/// Walks tests/data/tiff-conformance/expected.json (written by tifffile, libtiff and Pillow):
/// every valid file must decode to exactly the expected shape, dtype and checksum, every
/// malformed one must fail with a TiffFormatException within a second.
/// </summary>
public class TiffConformanceTests
{
    private const string Expectations = "tiff-conformance/expected.json";

    public static TheoryData<string> ValidFiles() => Select(valid: true);

    /// <summary>The invalid or unsupported files, less the JPEG one: LibTiff.NET decodes it now (see LibTiffDecodingTests).</summary>
    public static TheoryData<string> MalformedFiles()
    {
        var data = new TheoryData<string>();
        foreach (var f in TestData.ExpectedFiles(Expectations).Where(f => !f.GetProperty("valid").GetBoolean()))
        {
            var file = f.GetProperty("file").GetString()!;
            if (file != "intensity_u8_jpeg.tif") data.Add(file);
        }

        return data;
    }

    private static TheoryData<string> Select(bool valid)
    {
        var data = new TheoryData<string>();
        foreach (var f in TestData.ExpectedFiles(Expectations).Where(f => f.GetProperty("valid").GetBoolean() == valid))
            data.Add(f.GetProperty("file").GetString()!);
        return data;
    }

    private static JsonElement Expected(string file) =>
        TestData.ExpectedFiles(Expectations).Single(f => f.GetProperty("file").GetString() == file).GetProperty("expected");

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void Valid_file_decodes_to_the_expected_pixels(string file)
    {
        var expected = Expected(file);
        var pixels = TiffReader.ReadFile(TestData.Conformance(file));
        Assert.Equal(expected.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()), pixels.Shape);
        Assert.Equal(expected.GetProperty("dtype").GetString(), pixels.PixelType.ToDTypeName());
        Assert.Equal(expected.GetProperty("axes").GetString(), pixels.Axes);
        Assert.Equal(expected.GetProperty("sha256").GetString(), PixelChecksum.Sha256(pixels.Data));
    }

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void Streaming_the_bands_gives_the_same_bytes_as_reading_whole(string file)
    {
        using var reader = TiffReader.Open(TestData.Conformance(file));
        var whole = reader.Read();
        var streamed = new byte[whole.Length * whole.PixelType.SizeInBytes()];
        long position = 0;
        foreach (var stripe in reader.ReadStripes())
        {
            stripe.Data.Span.CopyTo(streamed.AsSpan((int)position));
            position += stripe.Data.Length;
        }

        Assert.Equal(streamed.Length, position);
        Assert.True(whole.BytesAt(0, streamed.Length).SequenceEqual(streamed));
    }

    [Theory]
    [InlineData("label_u16_tiled32x48_deflate.tif")]
    [InlineData("stack3d_label_u16_lzw.tif")]
    [InlineData("multichannel_u16_planar_separate_lzw.tif")]
    public void Parallel_streaming_keeps_file_order(string file)
    {
        using var reader = TiffReader.Open(TestData.Conformance(file));
        var sequential = reader.ReadStripes().Select(s => (s.Page, s.Plane, s.Y, Bytes: s.Data.ToArray())).ToList();
        var parallel = reader.ReadStripes(parallelism: 3).Select(s => (s.Page, s.Plane, s.Y, Bytes: s.Data.ToArray())).ToList();
        Assert.Equal(sequential.Count, parallel.Count);
        for (int i = 0; i < sequential.Count; i++)
        {
            Assert.Equal((sequential[i].Page, sequential[i].Plane, sequential[i].Y), (parallel[i].Page, parallel[i].Plane, parallel[i].Y));
            Assert.Equal(sequential[i].Bytes, parallel[i].Bytes);
        }
    }

    [Fact]
    public void Stripes_of_a_volume_cover_every_row_of_every_page_once()
    {
        using var reader = TiffReader.Open(TestData.Conformance("stack3d_label_u16_lzw.tif"));
        var rows = reader.ReadStripes().GroupBy(s => s.Page).Select(g => g.Sum(s => s.Rows)).ToList();
        Assert.Equal(31, rows.Count);
        Assert.All(rows, r => Assert.Equal(61, r));
        var stripe = reader.ReadStripes().First();
        Assert.Equal(stripe.Rows * 57, stripe.Samples<ushort>().Length);
    }

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void Calibrated_files_report_their_voxel_size(string file)
    {
        var expected = Expected(file);
        using var reader = TiffReader.Open(TestData.Conformance(file));
        var voxel = reader.Series.VoxelSize;
        if (!expected.TryGetProperty("pixel_size", out var size))
        {
            Assert.False(voxel.IsCalibrated);
            return;
        }

        Assert.True(voxel.IsCalibrated);
        Assert.Equal("micron", voxel.Unit);
        Assert.Equal(size.GetProperty("PhysicalSizeX").GetDouble(), voxel.X, 1e-9);
        Assert.Equal(size.GetProperty("PhysicalSizeY").GetDouble(), voxel.Y, 1e-9);
        if (size.TryGetProperty("PhysicalSizeZ", out var z)) Assert.Equal(z.GetDouble(), voxel.Z, 1e-9);
    }

    [Theory]
    [MemberData(nameof(MalformedFiles))]
    public async Task Malformed_file_fails_fast_with_a_readable_error(string file)
    {
        // "Fast" means bounded work: no hang (a generous guard, not a timing claim) and no large allocation
        // driven by the corrupt header.
        var path = TestData.Conformance(file);
        long allocated = -1;
        var attempt = Task.Run(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            try { TiffReader.ReadFile(path); }
            finally { allocated = GC.GetAllocatedBytesForCurrentThread() - before; }
        });
        var finished = await Task.WhenAny(attempt, Task.Delay(TimeSpan.FromSeconds(60)));
        Assert.True(finished == attempt, $"{file}: reading did not finish within 60 s (hang)");
        var error = await Assert.ThrowsAsync<TiffFormatException>(() => attempt);
        Assert.InRange(allocated, 0, 16 << 20);
        Assert.Contains(file, error.Message);
        Assert.Equal(path, error.Path);
    }

    [Fact]
    public void Jpeg_reads_through_libtiff_with_the_documented_shape()
    {
        var pixels = TiffReader.ReadFile(TestData.Conformance("intensity_u8_jpeg.tif"));
        Assert.Equal([240, 200], pixels.Shape);
        Assert.Equal(PixelType.UInt8, pixels.PixelType);
    }

    [Fact]
    public void Unknown_compression_is_named_in_the_error()
    {
        var error = Assert.Throws<TiffFormatException>(() => TiffReader.Open(TestData.Conformance("malformed_unknown_compression.tif")));
        Assert.Contains("60000", error.Message);
    }

    [Fact]
    public void An_ifd_cycle_is_detected()
    {
        var error = Assert.Throws<TiffFormatException>(() => TiffReader.Open(TestData.Conformance("malformed_ifd_loop.tif")));
        Assert.Contains("cycle", error.Message);
    }
}
