using SegMeasure.Core.Images;

namespace SegMeasure.Core.Tests.Tiff;

/// <summary>Deterministic pseudo-random images of every sample type, spanning each type's range.</summary>
public static class SampleImages
{
    public static readonly PixelType[] AllTypes = Enum.GetValues<PixelType>();

    public static Array RandomSamples(PixelType type, long count, int seed)
    {
        var random = new Random(seed);
        var bytes = new byte[count * type.SizeInBytes()];
        random.NextBytes(bytes);
        var array = Array.CreateInstance(type.ClrType(), count);
        Buffer.BlockCopy(bytes, 0, array, 0, bytes.Length);
        // Keep floats finite so equality compares values, not NaN payloads.
        if (array is float[] f) for (int i = 0; i < f.Length; i++) f[i] = (float)(random.NextDouble() * 2e6 - 1e6);
        if (array is double[] d) for (int i = 0; i < d.Length; i++) d[i] = random.NextDouble() * 2e12 - 1e12;
        return array;
    }

    public static IntensityImage Intensity(PixelType type, ImageShape shape, int channels = 1, VoxelSize? voxel = null, int seed = 1)
    {
        var data = Enumerable.Range(0, channels).Select(c => RandomSamples(type, shape.Length, seed + c)).ToArray();
        return new IntensityImage(data, shape, type, voxel);
    }

    /// <summary>Blocky labels (runs of equal ids, like a segmentation) with ids up to <paramref name="maxLabel"/>.</summary>
    public static LabelImage Labels(ImageShape shape, uint maxLabel, VoxelSize? voxel = null, int seed = 7)
    {
        var random = new Random(seed);
        var data = new uint[shape.Length];
        for (long i = 0; i < data.LongLength;)
        {
            var run = random.Next(1, 40);
            var id = random.Next(0, 3) == 0 ? 0u : (uint)random.NextInt64(1, (long)maxLabel + 1);
            for (int j = 0; j < run && i < data.LongLength; j++) data[i++] = id;
        }

        data[^1] = maxLabel;
        return new LabelImage(data, shape, voxel);
    }
}
