using SegMeasure.Core;
using SegMeasure.Core.Images;

namespace SegMeasure.Viewer.Tests;

/// <summary>An object's crop holds exactly its pixels' samples, in their own type; a missing object, channel or intensity image is refused.</summary>
public sealed class ObjectCropTests : IDisposable
{
    private readonly TestImages _images = new();

    public void Dispose() => _images.Dispose();

    [Fact]
    public void The_crop_is_the_objects_bounding_box_with_its_samples_and_a_mask_of_its_pixels()
    {
        var (segmentation, intensity) = _images.CorrelatedChannels();
        var labels = ImageFile.ReadLabels(segmentation);
        var image = ImageFile.ReadIntensity(intensity);
        var crop = ObjectCrop.Of(labels, image, 2, 1, 0)!;

        Assert.Equal(new ImageShape(1, 16, 16, is2D: true), crop.Mask.Shape);
        Assert.Equal(PixelType.UInt16, crop.A.PixelType);
        var inside = Enumerable.Range(0, (int)labels.Shape.Length).Where(i => labels.Data[i] == 2).ToArray();
        Assert.Equal(inside.Length, crop.Mask.Data.Count(v => v != 0));
        Assert.Equal(inside.Select(i => image.GetChannel<ushort>(1)[i]), crop.A.GetChannel<ushort>(0).Where((_, i) => crop.Mask.Data[i] != 0));
        Assert.Equal(inside.Select(i => image.GetChannel<ushort>(0)[i]), crop.B.GetChannel<ushort>(0).Where((_, i) => crop.Mask.Data[i] != 0));
        Assert.Null(ObjectCrop.Of(labels, image, 7, 0, 1));
    }

    [Fact]
    public void The_session_refuses_a_member_without_intensity_and_a_channel_the_image_lacks()
    {
        var (segmentation, intensity) = _images.CorrelatedChannels();
        var session = ViewerSession.Create([new ViewerMember(segmentation, intensity), new ViewerMember(segmentation)]);
        var options = new Core.Colocalization.ColocalizationOptions();
        Assert.Equal(256, session.Cytofluorogram(0, 1, 0, 1, options)!.A.Count);
        Assert.Null(session.Cytofluorogram(0, 9, 0, 1, options));
        Assert.Contains("no intensity image", Assert.Throws<SegMeasureException>(() => session.Cytofluorogram(1, 1, 0, 1, options)).Message);
        Assert.Contains("no channel 2", Assert.Throws<SegMeasureException>(() => session.Cytofluorogram(0, 1, 0, 2, options)).Message);
    }
}
