using System.Numerics;
using SegMeasure.Core.Images;

namespace SegMeasure.Viewer;

/// <summary>
/// Reads an intensity channel in its own sample type (no converted copy of the image): its finite
/// range, and float samples for a tile. Dispatches on <see cref="IntensityImage.PixelType"/>, not
/// on the array's runtime type (the CLR lets a short[] pass as a ushort[]).
/// </summary>
internal static class ChannelSamples
{
    /// <summary>The smallest and largest finite sample, or (0, 1) when there is none.</summary>
    public static (double Min, double Max) Range(IntensityImage image, int channel) => image.PixelType switch
    {
        PixelType.UInt8 => Range(image.GetChannel<byte>(channel)),
        PixelType.Int8 => Range(image.GetChannel<sbyte>(channel)),
        PixelType.UInt16 => Range(image.GetChannel<ushort>(channel)),
        PixelType.Int16 => Range(image.GetChannel<short>(channel)),
        PixelType.UInt32 => Range(image.GetChannel<uint>(channel)),
        PixelType.Int32 => Range(image.GetChannel<int>(channel)),
        PixelType.UInt64 => Range(image.GetChannel<ulong>(channel)),
        PixelType.Int64 => Range(image.GetChannel<long>(channel)),
        PixelType.Float32 => Range(image.GetChannel<float>(channel)),
        _ => Range(image.GetChannel<double>(channel)),
    };

    /// <summary>Copies <paramref name="count"/> samples of one row, every <paramref name="stride"/>-th from <paramref name="rowStart"/>, as float.</summary>
    public static void Gather(IntensityImage image, int channel, long rowStart, int count, int stride, Span<float> target)
    {
        switch (image.PixelType)
        {
            case PixelType.UInt8: Gather(image.GetChannel<byte>(channel), rowStart, count, stride, target); break;
            case PixelType.Int8: Gather(image.GetChannel<sbyte>(channel), rowStart, count, stride, target); break;
            case PixelType.UInt16: Gather(image.GetChannel<ushort>(channel), rowStart, count, stride, target); break;
            case PixelType.Int16: Gather(image.GetChannel<short>(channel), rowStart, count, stride, target); break;
            case PixelType.UInt32: Gather(image.GetChannel<uint>(channel), rowStart, count, stride, target); break;
            case PixelType.Int32: Gather(image.GetChannel<int>(channel), rowStart, count, stride, target); break;
            case PixelType.UInt64: Gather(image.GetChannel<ulong>(channel), rowStart, count, stride, target); break;
            case PixelType.Int64: Gather(image.GetChannel<long>(channel), rowStart, count, stride, target); break;
            case PixelType.Float32: Gather(image.GetChannel<float>(channel), rowStart, count, stride, target); break;
            default: Gather(image.GetChannel<double>(channel), rowStart, count, stride, target); break;
        }
    }

    private static void Gather<T>(T[] data, long rowStart, int count, int stride, Span<float> target) where T : unmanaged, INumberBase<T>
    {
        for (int x = 0; x < count; x++) target[x] = float.CreateSaturating(data[rowStart + (long)x * stride]);
    }

    private static (double, double) Range<T>(T[] data) where T : unmanaged, INumberBase<T>
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var sample in data)
        {
            double v = double.CreateTruncating(sample);
            if (!double.IsFinite(v)) continue;
            if (v < min) min = v;
            if (v > max) max = v;
        }

        return double.IsFinite(min) ? (min, max) : (0, 1);
    }
}
