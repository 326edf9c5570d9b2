using SegMeasure.Core.Tiff;

namespace SegMeasure.Core.Tests.Tiff;

/// <summary>Absurd declared sizes and counts are refused from the file length alone, quickly, before any large allocation.</summary>
public class DefensiveParsingTests : IDisposable
{
    private readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Save(byte[] bytes)
    {
        var path = _dir.File($"{Guid.NewGuid():N}.tif");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static TiffFormatException Fails(string path)
    {
        // Failing "quickly" is checked by what it costs, not by a clock: the machine's speed is no evidence.
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<TiffFormatException>(() => TiffReader.ReadFile(path));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20, "allocated more than 16 MB before failing");
        Assert.Contains(path, error.Message);
        return error;
    }

    [Fact]
    public void A_huge_image_declared_in_a_few_compressed_bytes_is_refused()
    {
        var tiff = new HandMadeTiff();
        var data = tiff.Data(new byte[10]);
        var path = Save(tiff.Image(65_000, 16, 32, 8, data, 10).Build());
        Assert.Contains("corrupt sizes", Fails(path).Message);
    }

    [Fact]
    public void A_huge_uncompressed_image_is_refused_against_the_file_length()
    {
        var tiff = new HandMadeTiff();
        var data = tiff.Data(new byte[100]);
        var path = Save(tiff.Image(100_000, 8, 64, 1, data, 100).Build());
        Assert.Contains("truncated", Fails(path).Message);
    }

    [Fact]
    public void A_tag_with_billions_of_values_is_refused()
    {
        var tiff = new HandMadeTiff();
        var data = tiff.Data(new byte[20]);
        tiff.Image(5, 4, 8, 1, data, 20).Entry(270, 2, uint.MaxValue, 8);
        var error = Fails(Save(tiff.Build()));
        Assert.Contains("more than the file", error.Message);
    }

    [Fact]
    public void A_broken_tag_the_reader_does_not_need_is_ignored()
    {
        var tiff = new HandMadeTiff();
        var data = tiff.Data(Enumerable.Range(0, 20).Select(i => (byte)i).ToArray());
        tiff.Image(5, 4, 8, 1, data, 20).Entry(305, 2, uint.MaxValue, 8);
        var read = TiffReader.ReadFile(Save(tiff.Build()));
        Assert.Equal(19, ((byte[])read.Data)[19]);
    }

    [Fact]
    public void A_single_strip_too_large_to_decode_is_refused()
    {
        var tiff = new HandMadeTiff();
        var data = tiff.Data(new byte[10]);
        Assert.Equal(SegMeasure.Core.ErrorKind.NotSupported, Fails(Save(tiff.Image(65_000, 65_000, 32, 8, data, 10).Build())).Kind);
    }

    [Fact]
    public void Strip_offsets_with_billions_of_entries_are_refused()
    {
        var tiff = new HandMadeTiff();
        tiff.Long(256, 5).Long(257, 4).Short(258, 8).Entry(273, 4, 0x4000_0000, 8).Long(279, 20);
        Fails(Save(tiff.Build()));
    }

    [Fact]
    public void An_implausible_entry_count_is_refused()
    {
        var tiff = new HandMadeTiff();
        var data = tiff.Data(new byte[20]);
        tiff.Image(5, 4, 8, 1, data, 20);
        Assert.Contains("implausible", Fails(Save(tiff.Build(declaredCount: 60_000))).Message);
    }

    [Fact]
    public void A_missing_image_width_is_reported()
    {
        var tiff = new HandMadeTiff();
        var data = tiff.Data(new byte[20]);
        tiff.Long(257, 4).Short(258, 8).Long(273, data).Long(279, 20);
        Assert.Contains("ImageWidth", Fails(Save(tiff.Build())).Message);
    }

    [Fact]
    public void Corrupt_deflate_data_is_a_format_error()
    {
        var tiff = new HandMadeTiff();
        var data = tiff.Data([0x78, 0x9C, 0xFF, 0xFF, 0xFF, 0x00, 0x11, 0x22]);
        Fails(Save(tiff.Image(5, 4, 8, 8, data, 8).Build()));
    }

    [Fact]
    public void ImageJ_stacks_stored_after_one_IFD_are_read_as_all_their_slices()
    {
        // ImageJ writes stacks over 4 GiB as one IFD followed by every image back to back.
        var tiff = new HandMadeTiff();
        var pixels = Enumerable.Range(0, 60).Select(i => (byte)i).ToArray();
        var data = tiff.Data(pixels);
        tiff.Image(5, 4, 8, 1, data, 20).Ascii(270, "ImageJ=1.53t\nimages=3\nslices=3\nunit=micron\nspacing=2.5\n");
        var path = Save(tiff.Build());
        var read = TiffReader.ReadFile(path);
        Assert.Equal(new[] { 3, 4, 5 }, read.Shape);
        Assert.Equal("ZYX", read.Axes);
        Assert.Equal(pixels, (byte[])read.Data);
        Assert.Equal(2.5, read.VoxelSize.Z);
    }

    [Fact]
    public void A_truncated_ImageJ_stack_is_refused_rather_than_shortened()
    {
        var tiff = new HandMadeTiff();
        var data = tiff.Data(new byte[40]);
        tiff.Image(5, 4, 8, 1, data, 20).Ascii(270, "ImageJ=1.53t\nimages=30\nslices=30\n");
        Assert.Contains("truncated", Fails(Save(tiff.Build())).Message);
    }
}
