using System.Numerics;
using System.Runtime.InteropServices;
using SegMeasure.Core.Images;

namespace SegMeasure.Core.Tiff;

/// <summary>What a writer needs from an image: page geometry and the samples of a run of rows, as little-endian bytes.</summary>
internal abstract class TiffSampleSource
{
    protected TiffSampleSource(PixelType pixelType, ImageShape shape, int channels)
    {
        PixelType = pixelType;
        Shape = shape;
        Channels = channels;
    }

    public PixelType PixelType { get; }
    public ImageShape Shape { get; }
    public int Channels { get; }

    /// <summary>Pages in ImageJ order: channel fastest, then z.</summary>
    public int PageCount => Shape.Depth * Channels;

    public long RowBytes => (long)Shape.Width * PixelType.SizeInBytes();

    /// <summary>Fills <paramref name="destination"/> with rows [<paramref name="row"/>, +<paramref name="rows"/>) of page <paramref name="page"/>.</summary>
    public abstract void CopyRows(int page, int row, int rows, Span<byte> destination);
}

/// <summary>Intensity channels written in their own type: a plain copy.</summary>
internal sealed class ChannelSampleSource : TiffSampleSource
{
    private readonly Array[] _channels;

    public ChannelSampleSource(IntensityImage image) : base(image.PixelType, image.Shape, image.ChannelCount)
    {
        _channels = Enumerable.Range(0, image.ChannelCount).Select(image.GetChannelArray).ToArray();
    }

    public override void CopyRows(int page, int row, int rows, Span<byte> destination)
    {
        int z = page / Channels, c = page % Channels;
        long first = Shape.IndexOf(z, row, 0) * PixelType.SizeInBytes();
        TiffPixels.BytesOf(_channels[c], first, destination.Length).CopyTo(destination);
    }
}

/// <summary>Label ids (uint) converted to the sample type chosen for the file.</summary>
internal sealed class LabelSampleSource : TiffSampleSource
{
    private readonly uint[] _labels;

    public LabelSampleSource(LabelImage image, PixelType type) : base(type, image.Shape, 1) => _labels = image.Data;

    public override void CopyRows(int page, int row, int rows, Span<byte> destination) =>
        Write(_labels.AsSpan((int)Shape.IndexOf(page, row, 0), rows * Shape.Width), PixelType, destination);

    /// <summary>Label ids as samples of <paramref name="type"/> (little-endian bytes).</summary>
    internal static void Write(ReadOnlySpan<uint> source, PixelType type, Span<byte> destination)
    {
        switch (type)
        {
            case PixelType.UInt32 or PixelType.Int32: MemoryMarshal.AsBytes(source).CopyTo(destination); break;
            case PixelType.UInt8 or PixelType.Int8: Narrow(source, destination); break;
            case PixelType.UInt16: Convert(source, MemoryMarshal.Cast<byte, ushort>(destination)); break;
            case PixelType.Int16: Convert(source, MemoryMarshal.Cast<byte, short>(destination)); break;
            case PixelType.UInt64: Convert(source, MemoryMarshal.Cast<byte, ulong>(destination)); break;
            case PixelType.Int64: Convert(source, MemoryMarshal.Cast<byte, long>(destination)); break;
            case PixelType.Float32: Convert(source, MemoryMarshal.Cast<byte, float>(destination)); break;
            case PixelType.Float64: Convert(source, MemoryMarshal.Cast<byte, double>(destination)); break;
        }
    }

    private static void Narrow(ReadOnlySpan<uint> source, Span<byte> destination)
    {
        for (int i = 0; i < source.Length; i++) destination[i] = (byte)source[i];
    }

    private static void Convert<T>(ReadOnlySpan<uint> source, Span<T> destination) where T : INumberBase<T>
    {
        for (int i = 0; i < source.Length; i++) destination[i] = T.CreateTruncating(source[i]);
    }
}
