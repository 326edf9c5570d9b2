namespace SegMeasure.Core.Images;

/// <summary>
/// A raw image measured alongside a segmentation. Samples keep their numeric type (one typed
/// array per channel, each in Z,Y,X order); measurements read them into double accumulators.
/// </summary>
public sealed class IntensityImage
{
    private readonly Array[] _channels;

    public IntensityImage(Array[] channels, ImageShape shape, PixelType pixelType, VoxelSize? voxelSize = null)
    {
        ArgumentNullException.ThrowIfNull(channels);
        if (channels.Length == 0) throw new ArgumentException("an image has at least one channel", nameof(channels));
        foreach (var c in channels)
        {
            if (c.GetType().GetElementType() != pixelType.ClrType())
                throw new ArgumentException($"channel array of {c.GetType().Name} does not hold {pixelType}", nameof(channels));
            if (c.LongLength != shape.Length)
                throw new ArgumentException($"channel has {c.LongLength} samples but shape {shape} needs {shape.Length}", nameof(channels));
        }

        _channels = channels;
        Shape = shape;
        PixelType = pixelType;
        VoxelSize = voxelSize ?? VoxelSize.Uncalibrated;
    }

    /// <summary>A single-channel image over a typed array.</summary>
    public static IntensityImage Create<T>(T[] samples, ImageShape shape, VoxelSize? voxelSize = null) where T : unmanaged
        => new([samples], shape, PixelTypeOf<T>(), voxelSize);

    public ImageShape Shape { get; }
    public PixelType PixelType { get; }
    public VoxelSize VoxelSize { get; }
    public int ChannelCount => _channels.Length;

    /// <summary>The typed samples of channel <paramref name="channel"/>; T must match <see cref="PixelType"/>.</summary>
    public T[] GetChannel<T>(int channel) where T : unmanaged => (T[])_channels[channel];

    /// <summary>The untyped sample array of a channel, for code that dispatches on <see cref="PixelType"/> itself.</summary>
    public Array GetChannelArray(int channel) => _channels[channel];

    /// <summary>The samples of a channel converted to double (a copy).</summary>
    public double[] ChannelAsDouble(int channel)
    {
        var source = _channels[channel];
        var result = new double[source.LongLength];
        // Dispatch on PixelType, not on the runtime array type: the CLR lets a short[] pass as
        // a ushort[] (sbyte[] as byte[], int[] as uint[]), which would turn negatives positive.
        switch (PixelType)
        {
            case PixelType.UInt8: { var a = (byte[])source; for (long i = 0; i < a.LongLength; i++) result[i] = a[i]; break; }
            case PixelType.Int8: { var a = (sbyte[])source; for (long i = 0; i < a.LongLength; i++) result[i] = a[i]; break; }
            case PixelType.UInt16: { var a = (ushort[])source; for (long i = 0; i < a.LongLength; i++) result[i] = a[i]; break; }
            case PixelType.Int16: { var a = (short[])source; for (long i = 0; i < a.LongLength; i++) result[i] = a[i]; break; }
            case PixelType.UInt32: { var a = (uint[])source; for (long i = 0; i < a.LongLength; i++) result[i] = a[i]; break; }
            case PixelType.Int32: { var a = (int[])source; for (long i = 0; i < a.LongLength; i++) result[i] = a[i]; break; }
            case PixelType.UInt64: { var a = (ulong[])source; for (long i = 0; i < a.LongLength; i++) result[i] = a[i]; break; }
            case PixelType.Int64: { var a = (long[])source; for (long i = 0; i < a.LongLength; i++) result[i] = a[i]; break; }
            case PixelType.Float32: { var a = (float[])source; for (long i = 0; i < a.LongLength; i++) result[i] = a[i]; break; }
            case PixelType.Float64: Array.Copy(source, result, source.LongLength); break;
        }

        return result;
    }

    public static PixelType PixelTypeOf<T>() where T : unmanaged => default(T) switch
    {
        byte => PixelType.UInt8,
        sbyte => PixelType.Int8,
        ushort => PixelType.UInt16,
        short => PixelType.Int16,
        uint => PixelType.UInt32,
        int => PixelType.Int32,
        ulong => PixelType.UInt64,
        long => PixelType.Int64,
        float => PixelType.Float32,
        double => PixelType.Float64,
        _ => throw new NotSupportedException($"{typeof(T).Name} is not a pixel type"),
    };
}
