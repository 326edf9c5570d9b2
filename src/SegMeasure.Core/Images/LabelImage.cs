using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
        // In blocks on every core: this copy of the whole image (and the first touch of its
        // pages) is on the path of every measurement that reads a file.
        const int Block = 1 << 20;
        int blocks = (int)((samples.LongLength + Block - 1) / Block);
        var firstInvalid = new long[blocks];
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = blocks > 1 ? -1 : 1 },
            b => firstInvalid[b] = Convert(samples, data, (long)b * Block, Math.Min(samples.LongLength, ((long)b + 1) * Block)));
        foreach (var i in firstInvalid)
        {
            if (i < 0) continue;
            var v = samples[i];
            var kind = T.IsNegative(v) ? "a negative label" : T.IsNaN(v) ? "a NaN label" : v > T.CreateSaturating(uint.MaxValue) ? "a label above 4294967295" : "a fractional label";
            throw new InvalidLabelException($"{kind} ({v}) at voxel {DescribePosition(i, shape)}; label images must hold non-negative integer ids up to 4294967295", path);
        }

        return new LabelImage(data, shape, voxelSize, storedType);
    }

    /// <summary>Converts samples [<paramref name="start"/>, <paramref name="end"/>); returns the first that is not an id, or −1.</summary>
    private static long Convert<T>(T[] samples, uint[] data, long start, long end)
        where T : unmanaged, INumber<T>
    {
        // Unsigned samples of up to 32 bits are ids as they are: a plain widening copy.
        if (typeof(T) == typeof(ushort))
        {
            Widen(MemoryMarshal.Cast<T, ushort>(samples.AsSpan((int)start, (int)(end - start))), data.AsSpan((int)start, (int)(end - start)));
            return -1;
        }

        if (typeof(T) == typeof(byte) || typeof(T) == typeof(uint))
        {
            for (long i = start; i < end; i++) data[i] = uint.CreateTruncating(samples[i]);
            return -1;
        }

        var max = T.CreateSaturating(uint.MaxValue); // saturating: for int16/int32 every value is below it
        for (long i = start; i < end; i++)
        {
            var v = samples[i];
            if (T.IsZero(v)) continue;
            if (T.IsNegative(v) || T.IsNaN(v) || v > max || !T.IsInteger(v)) return i;
            data[i] = uint.CreateTruncating(v);
        }

        return -1;
    }

    /// <summary>16-bit ids to 32-bit, eight at a time: the common label file of up to 65 535 objects.</summary>
    private static void Widen(ReadOnlySpan<ushort> from, Span<uint> to)
    {
        int i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            ref ushort source = ref MemoryMarshal.GetReference(from);
            ref uint target = ref MemoryMarshal.GetReference(to);
            for (; i <= from.Length - 8; i += 8)
            {
                var eight = Vector128.LoadUnsafe(ref source, (nuint)i);
                Vector128.WidenLower(eight).StoreUnsafe(ref target, (nuint)i);
                Vector128.WidenUpper(eight).StoreUnsafe(ref target, (nuint)i + 4);
            }
        }

        for (; i < from.Length; i++) to[i] = from[i];
    }

    private static string DescribePosition(long index, ImageShape shape)
    {
        var x = index % shape.Width;
        var y = index / shape.Width % shape.Height;
        var z = index / ((long)shape.Width * shape.Height);
        return shape.Is2D ? $"(y={y}, x={x})" : $"(z={z}, y={y}, x={x})";
    }
}
