using SegMeasure.Core.Tiff;

namespace SegMeasure.Core.Tests.Tiff;

public class MetadataTests
{
    [Fact]
    public void ImageJ_description_is_parsed_with_escaped_micro_sign()
    {
        var ij = ImageJMetadata.Parse("ImageJ=1.53t\nimages=62\nchannels=2\nslices=31\nhyperstack=true\nunit=\\u00B5m\nspacing=0.75\nloop=false\n")!;
        Assert.Equal((62, 2, 31, 1), (ij.Images, ij.Channels, ij.Slices, ij.Frames));
        Assert.Equal(0.75, ij.Spacing);
        Assert.Equal("\u00B5m", ij.Unit);
    }

    [Fact]
    public void A_plain_ImageJ_stack_with_only_images_is_a_stack_of_slices()
    {
        var ij = ImageJMetadata.Parse("ImageJ=1.52a\nimages=12\n")!;
        Assert.Equal(12, ij.Slices);
        Assert.Null(ImageJMetadata.Parse("{\"shape\": [3, 4]}"));
    }

    [Fact]
    public void Written_ImageJ_description_reads_back()
    {
        var text = ImageJMetadata.Format(2, 5, new SegMeasure.Core.Images.VoxelSize(1.25, 0.5, 0.5, "micron"));
        var ij = ImageJMetadata.Parse(text)!;
        Assert.Equal((10, 2, 5), (ij.Images, ij.Channels, ij.Slices));
        Assert.Equal(1.25, ij.Spacing);
        Assert.Equal("micron", ij.Unit);
    }

    [Fact]
    public void OME_pixels_give_order_sizes_and_physical_sizes_with_units()
    {
        const string xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <OME xmlns="http://www.openmicroscopy.org/Schemas/OME/2016-06">
              <Image ID="Image:0"><Pixels ID="Pixels:0" DimensionOrder="XYCZT" Type="uint16" SizeX="57" SizeY="61" SizeC="2" SizeZ="31" SizeT="1"
                PhysicalSizeX="500" PhysicalSizeXUnit="nm" PhysicalSizeY="500" PhysicalSizeYUnit="nm" PhysicalSizeZ="2"/></Image>
            </OME>
            """;
        var ome = OmeMetadata.Parse(xml)!;
        Assert.Equal("XYCZT", ome.DimensionOrder);
        Assert.Equal((57, 61, 2, 31, 1), (ome.SizeX, ome.SizeY, ome.SizeC, ome.SizeZ, ome.SizeT));
        Assert.Equal(500, ome.PhysicalSizeX);
        Assert.Equal("nm", ome.PhysicalSizeXUnit);
        Assert.Equal("\u00B5m", ome.PhysicalSizeZUnit);
    }

    [Fact]
    public void Broken_or_hostile_xml_is_ignored_rather_than_fatal()
    {
        Assert.Null(OmeMetadata.Parse("<OME><Image><Pixels SizeX='3'"));
        Assert.Null(OmeMetadata.Parse("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">]><OME>&a;</OME>"));
    }

    [Theory]
    [InlineData("um", "micron")]
    [InlineData("\u00B5m", "micron")]
    [InlineData("\u03BCm", "micron")]
    [InlineData("micron", "micron")]
    [InlineData("nm", "nm")]
    [InlineData("furlong", "furlong")]
    public void Length_units_are_normalised(string unit, string expected) => Assert.Equal(expected, LengthUnits.Normalize(unit));

    [Fact]
    public void Units_convert_through_micrometres() => Assert.Equal(0.5, LengthUnits.Convert(500, "nm", "micron"), 12);
}
