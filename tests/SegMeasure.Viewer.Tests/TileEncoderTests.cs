using System.Buffers.Binary;
using SegMeasure.Core.Images;

namespace SegMeasure.Viewer.Tests;

/// <summary>Intensity tiles are cut from the image in its own sample type: signed samples stay signed, coarse levels take every 2^L-th pixel, the range is over the samples.</summary>
public sealed class TileEncoderTests
{
    [Fact]
    public void Signed_samples_keep_their_sign_and_coarser_levels_sample_every_2L_th_pixel()
    {
        const int width = 1030, height = 3;
        var shape = ImageShape.Of2D(height, width);
        var samples = Enumerable.Range(0, width * height).Select(i => (short)(i % 2 == 0 ? -(i % 3000) : i % 3000)).ToArray();
        var image = IntensityImage.Create(samples, shape);
        Assert.Equal(3, TileEncoder.LevelCount(shape));

        var second = TileEncoder.Extent(shape, 0, 0, 1, 0)!.Value;
        Assert.Equal((512, 0, 512, 3), second);
        var full = Floats(TileEncoder.Intensities(image, 0, 0, 0, second));
        Assert.Equal(Enumerable.Range(0, 3).SelectMany(y => Enumerable.Range(512, 512).Select(x => (float)samples[y * width + x])), full);

        var coarsest = TileEncoder.Extent(shape, 0, 2, 0, 0)!.Value;
        Assert.Equal((0, 0, 258, 1), coarsest);
        Assert.Equal(Enumerable.Range(0, 258).Select(x => (float)samples[4 * x]), Floats(TileEncoder.Intensities(image, 0, 0, 2, coarsest)));

        Assert.Equal(((double)samples.Min(), (double)samples.Max()), ChannelSamples.Range(image, 0));
        Assert.True(samples.Min() < 0);
    }

    private static float[] Floats(byte[] bytes) =>
        Enumerable.Range(0, bytes.Length / 4).Select(i => BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(4 * i))).ToArray();
}
