using System.Numerics;

namespace SegMeasure.Core.Images;

/// <summary>
/// An instance segmentation: one unsigned 32-bit segment id per voxel (0 = background), in
/// Z,Y,X order. <see cref="StoredType"/> remembers the type the file used so outputs can be
/// written back in the input's label type.
/// </summary>
public sealed class LabelImage
{
    public LabelImage(uint[] data, ImageShape shape, VoxelSize? voxelSize = null, PixelType storedType = PixelType.UInt32)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.LongLength != shape.Length)
            throw new ArgumentException($"data has {data.LongLength} voxels but shape {shape} needs {shape.Length}", nameof(data));
        Data = data;
        Shape = shape;
        VoxelSize = voxelSize ?? VoxelSize.Uncalibrated;
        StoredType = storedType;
    }

    public uint[] Data { get; }
    public ImageShape Shape { get; }
    public VoxelSize VoxelSize { get; }
    public PixelType StoredType { get; }

    public uint this[int z, int y, int x]
    {
        get => Data[Shape.IndexOf(z, y, x)];
        set => Data[Shape.IndexOf(z, y, x)] = value;
    }

    /// <summary>A new image with the same shape, voxel size and stored type, holding <paramref name="data"/>.</summary>
    public LabelImage WithData(uint[] data) => new(data, Shape, VoxelSize, StoredType);

    public LabelImage WithVoxelSize(VoxelSize voxelSize) => new(Data, Shape, voxelSize, StoredType);

    public uint MaxLabel()
    {
        uint max = 0;
        foreach (var v in Data)
            if (v > max) max = v;
        return max;
    }

    /// <summary>
    /// Converts samples of any numeric type to label ids, refusing values that are not ids:
    /// negative, fractional, NaN or above <see cref="uint.MaxValue"/>. The message names the
    /// first offending value and its position so the user can find it.
    /// </summary>
    public static LabelImage FromSamples<T>(T[] samples, ImageShape shape, PixelType storedType, VoxelSize? voxelSize = null, string? path = null)
        where T : unmanaged, INumber<T>
    {
        var data = new uint[samples.Length];
        var max = T.CreateSaturating(uint.MaxValue); // saturating: for int16/int32 every value is below it
        for (long i = 0; i < samples.LongLength; i++)
        {
            var v = samples[i];
            if (T.IsZero(v)) continue;
            if (T.IsNegative(v) || T.IsNaN(v) || v > max || !T.IsInteger(v))
            {
                var kind = T.IsNegative(v) ? "a negative label" : T.IsNaN(v) ? "a NaN label" : v > max ? "a label above 4294967295" : "a fractional label";
                throw new InvalidLabelException($"{kind} ({v}) at voxel {DescribePosition(i, shape)}; label images must hold non-negative integer ids up to 4294967295", path);
            }

            data[i] = uint.CreateTruncating(v);
        }

        return new LabelImage(data, shape, voxelSize, storedType);
    }

    private static string DescribePosition(long index, ImageShape shape)
    {
        var x = index % shape.Width;
        var y = index / shape.Width % shape.Height;
        var z = index / ((long)shape.Width * shape.Height);
        return shape.Is2D ? $"(y={y}, x={x})" : $"(z={z}, y={y}, x={x})";
    }
}
