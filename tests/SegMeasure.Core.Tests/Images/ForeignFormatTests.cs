using SegMeasure.Core.Images;
using SegMeasure.Core.Tiff;

namespace SegMeasure.Core.Tests.Images;

/// <summary>Vendor and picture formats are named, with the conversion that makes them readable; never a generic "not a TIFF".</summary>
public class ForeignFormatTests
{
    public static TheoryData<string, byte[], string> Files()
    {
        static byte[] Head(params byte[] start)
        {
            var bytes = new byte[256];
            start.CopyTo(bytes, 0);
            return bytes;
        }

        var lif = Head(0x70, 0, 0, 0, 0x10, 0, 0, 0, 0x2A);
        var dv = Head();
        dv[96] = 0xA0;
        dv[97] = 0xC0;
        return new TheoryData<string, byte[], string>
        {
            { "a.nd2", Head(0xDA, 0xCE, 0xBE, 0x0A), "Nikon ND2" },
            { "old.nd2", Head(0, 0, 0, 0x0C, (byte)'j', (byte)'P', (byte)' ', (byte)' '), "Nikon ND2" },
            { "a.czi", Head("ZISRAWFILE"u8.ToArray()), "Zeiss CZI" },
            { "renamed.tif", Head("ZISRAWFILE"u8.ToArray()), "Zeiss CZI" },
            { "a.lif", lif, "Leica LIF" },
            { "a.oir", Head("OLYMPUSRAWFORMAT"u8.ToArray()), "Olympus OIR" },
            { "a.oib", Head(0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1), "Olympus OIB" },
            { "a.ims", Head(0x89, (byte)'H', (byte)'D', (byte)'F', 0x0D, 0x0A, 0x1A, 0x0A), "Imaris" },
            { "a.dv", dv, "DeltaVision" },
            { "unknown-bytes.czi", Head(1, 2, 3, 4), "Zeiss CZI" },
            { "empty.nd2", [], "Nikon ND2" },
            { "a.png", Head(0x89, (byte)'P', (byte)'N', (byte)'G'), "PNG" },
        };
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Names_the_format_and_the_conversion(string name, byte[] bytes, string format)
    {
        using var dir = new TemporaryDirectory();
        var path = Path.Combine(dir.Path, name);
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<UnsupportedFormatException>(() => ImageFile.ReadLabels(path));
        Assert.Contains(format, error.Message);
        Assert.Contains(path, error.Message);
        Assert.Equal("SegMeasure.UnsupportedFormat", error.ErrorId);
        Assert.Equal(ErrorKind.NotSupported, error.Kind);
        if (!format.Equals("PNG")) Assert.Contains("bfconvert", error.Message);
        if (!format.Equals("PNG")) Assert.Contains("bioformats2raw", error.Message);
        Assert.Throws<UnsupportedFormatException>(() => ImageInfo.Read(path));
    }

    [Fact]
    public void Unrecognised_bytes_stay_a_tiff_format_error()
    {
        using var dir = new TemporaryDirectory();
        var path = Path.Combine(dir.Path, "junk.tif");
        File.WriteAllBytes(path, new byte[64]);
        Assert.Throws<TiffFormatException>(() => ImageFile.ReadLabels(path));
    }
}
