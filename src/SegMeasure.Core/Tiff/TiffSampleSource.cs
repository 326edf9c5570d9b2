using System.Numerics;
using System.Runtime.InteropServices;
using SegMeasure.Core.Images;

namespace SegMeasure.Core.Tiff;

/// <summary>What a writer needs from an image: page geometry and the samples of a run of rows, as little-endian bytes.</summary>
internal abstract class TiffSampleSource
{
    protected TiffSampleSource(PixelType pixelType, ImageShape shape, int channels, int frames = 1)
    {
        PixelType = pixelType;
        Shape = shape;
        Channels = channels;
        Frames = frames;
    }

    public PixelType PixelType { get; }
    public ImageShape Shape { get; }
    public int Channels { get; }

    /// <summary>Time points: more than one makes a T axis.</summary>
    public int Frames { get; }

    /// <summary>Pages in ImageJ and OME XYCZT order: channel fastest, then z, then t.</summary>
    public int PageCount => Shape.Depth * Channels * Frames;

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

/// <summary>Label ids (uint) converted to the sample type chosen for the file; one image, or the frames of a time series.</summary>
internal sealed class LabelSampleSource : TiffSampleSource
{
    private readonly uint[][] _frames;

    public LabelSampleSource(LabelImage image, PixelType type) : this([image], type)
    {
    }

    public LabelSampleSource(IReadOnlyList<LabelImage> frames, PixelType type) : base(type, frames[0].Shape, 1, frames.Count) =>
        _frames = frames.Select(f => f.Data).ToArray();

    public override void CopyRows(int page, int row, int rows, Span<byte> destination) =>
        Write(_frames[page / Shape.Depth].AsSpan((int)Shape.IndexOf(page % Shape.Depth, row, 0), rows * Shape.Width), PixelType, destination);

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
